/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Compute-time models: the embedded histograms against doc/compute-time-histograms.csv, the
// sample mean and bin frequencies of every model, reproducibility and input validation.

#include "ns3/selmcast-compute-model.h"
#include "ns3/selmcast-rng.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace ns3::selmcast;

namespace
{

/** One row of the CSV. */
struct CsvBin
{
    double low;        //!< bin_lo_ms
    double high;       //!< bin_hi_ms
    double raw;        //!< proportion_raw
    double proportion; //!< proportion_normalized
};

/**
 * Read doc/compute-time-histograms.csv, found relative to this source file.
 * \return the bins of each workload, keyed by the CSV's workload name in lower case
 */
std::map<std::string, std::vector<CsvBin>>
ReadCsv()
{
    const std::string self = __FILE__;
    const std::string dir = self.substr(0, self.find_last_of('/'));
    const std::string path = dir + "/../../doc/compute-time-histograms.csv";
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << "cannot open " << path;
    std::map<std::string, std::vector<CsvBin>> table;
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "workload,bin_lo_ms,bin_hi_ms,proportion_raw,proportion_normalized");
    while (std::getline(in, line))
    {
        if (line.empty())
        {
            continue;
        }
        std::istringstream fields(line);
        std::string name;
        std::string value[4];
        std::getline(fields, name, ',');
        for (auto& v : value)
        {
            std::getline(fields, v, ',');
        }
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
            return static_cast<char>(std::tolower(c));
        });
        table[name].push_back(
            {std::stod(value[0]), std::stod(value[1]), std::stod(value[2]), std::stod(value[3])});
    }
    return table;
}

/**
 * The scale that maps the CSV's milliseconds to a model of the given mean, computed from the CSV:
 * the mean of a draw is the proportion-weighted mean of the bin centres.
 */
double
CsvScale(const std::vector<CsvBin>& bins, double mean)
{
    double total = 0;
    double centres = 0;
    for (const CsvBin& bin : bins)
    {
        total += bin.proportion;
        centres += bin.proportion * (bin.low + bin.high) / 2;
    }
    return mean / (centres / total);
}

/**
 * \param action what should throw
 * \return the message of the std::invalid_argument it threw, or a marker when it threw none
 */
std::string
InvalidArgumentMessage(const std::function<void()>& action)
{
    try
    {
        action();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "<no std::invalid_argument thrown>";
}

/** Expect that action throws std::invalid_argument whose message contains every part. */
void
ExpectInvalid(const std::function<void()>& action, std::initializer_list<std::string> parts)
{
    const std::string message = InvalidArgumentMessage(action);
    for (const std::string& part : parts)
    {
        EXPECT_NE(message.find(part), std::string::npos)
            << "message \"" << message << "\" lacks \"" << part << "\"";
    }
}

/**
 * Expect the sample mean of many draws within 4 standard errors of the requested mean.
 * \param model the model
 * \param mean the requested mean
 * \param seed the seed
 */
void
ExpectSampleMean(const ComputeTimeModel& model, double mean, uint64_t seed)
{
    Rng rng(seed);
    const int draws = 100000;
    double sum = 0;
    double squares = 0;
    for (int k = 0; k < draws; ++k)
    {
        const double x = model.Draw(rng);
        ASSERT_GE(x, 0) << model.GetName();
        sum += x;
        squares += x * x;
    }
    const double sampleMean = sum / draws;
    const double variance = squares / draws - sampleMean * sampleMean;
    const double standardError = std::sqrt(variance / draws);
    EXPECT_GT(standardError, 0) << model.GetName();
    EXPECT_NEAR(sampleMean, mean, 4 * standardError) << model.GetName();
}

TEST(ComputeModel, EmbeddedTablesEqualTheCsv)
{
    const auto csv = ReadCsv();
    ASSERT_EQ(csv.size(), 3u);
    for (const std::string& name : WorkloadNames())
    {
        ASSERT_EQ(csv.count(name), 1u) << name;
        const std::vector<CsvBin>& expected = csv.at(name);
        const std::vector<WorkloadBin>& bins = WorkloadHistogram(name);
        ASSERT_EQ(bins.size(), expected.size()) << name;
        for (size_t k = 0; k < bins.size(); ++k)
        {
            // Both sides are the correctly rounded doubles of the same decimal text.
            EXPECT_EQ(bins[k].lowMs, expected[k].low) << name << " bin " << k;
            EXPECT_EQ(bins[k].highMs, expected[k].high) << name << " bin " << k;
            EXPECT_EQ(bins[k].proportionRaw, expected[k].raw) << name << " bin " << k;
            EXPECT_EQ(bins[k].proportion, expected[k].proportion) << name << " bin " << k;
        }
    }
    EXPECT_EQ(WorkloadNames(), (std::vector<std::string>{"lstm", "transformer", "resnet50"}));
}

TEST(ComputeModel, NamesAreCaseInsensitive)
{
    EXPECT_EQ(ComputeTimeModel::Workload("LSTM", 1).GetName(), "lstm");
    EXPECT_EQ(ComputeTimeModel::Workload("Transformer", 1).GetName(), "transformer");
    EXPECT_EQ(ComputeTimeModel::Workload("ResNet-50", 1).GetName(), "resnet50");
    EXPECT_EQ(ComputeTimeModel::Workload("RESNET50", 1).GetName(), "resnet50");
    EXPECT_EQ(&WorkloadHistogram("ResNet-50"), &WorkloadHistogram("resnet50"));
    EXPECT_EQ(ComputeTimeModel::Create("Constant", 2).GetName(), "constant");
    EXPECT_EQ(ComputeTimeModel::Create("UNIFORM", 2, 0.5).GetName(), "uniform");
    EXPECT_EQ(ComputeTimeModel::Create("lstm", 2).GetName(), "lstm");
    EXPECT_EQ(ComputeModelNames(),
              (std::vector<std::string>{"constant", "uniform", "lstm", "transformer", "resnet50"}));
}

TEST(ComputeModel, BadInputsThrowNamingTheParameter)
{
    ExpectInvalid([] { ComputeTimeModel::Workload("vgg16", 1); },
                  {"workload", "vgg16", "lstm, transformer or resnet50"});
    ExpectInvalid([] { WorkloadHistogram("bert"); }, {"workload", "bert", "resnet50"});
    ExpectInvalid([] { ComputeTimeModel::Workload("lstm", 0); }, {"mean", "> 0"});
    ExpectInvalid([] { ComputeTimeModel::Workload("lstm", NAN); }, {"mean", "finite"});
    ExpectInvalid([] { ComputeTimeModel::Uniform(-1, 0.5); }, {"mean", "> 0"});
    ExpectInvalid([] { ComputeTimeModel::Uniform(1, 1.5); }, {"spread", "[0, 1]"});
    ExpectInvalid([] { ComputeTimeModel::Uniform(1, -0.1); }, {"spread", "[0, 1]"});
    ExpectInvalid([] { ComputeTimeModel::Constant(-1); }, {"mean", ">= 0"});
    ExpectInvalid([] { ComputeTimeModel::Constant(INFINITY); }, {"mean", "finite"});
    ExpectInvalid([] { ComputeTimeModel::Create("gamma", 1); },
                  {"compute model", "gamma", "constant, uniform, lstm, transformer or resnet50"});
    EXPECT_NO_THROW(ComputeTimeModel::Constant(0));
}

TEST(ComputeModel, ConstantAlwaysGivesTheMeanAndDrawsNothing)
{
    const ComputeTimeModel model = ComputeTimeModel::Constant(1.5);
    EXPECT_EQ(model.Mean(), 1.5);
    Rng rng(3);
    Rng fresh(3);
    for (int k = 0; k < 10; ++k)
    {
        EXPECT_EQ(model.Draw(rng), 1.5);
    }
    EXPECT_EQ(rng.Next(), fresh.Next());
    // The default model is the constant 0.
    const ComputeTimeModel none;
    EXPECT_EQ(none.GetName(), "constant");
    EXPECT_EQ(none.Mean(), 0);
    EXPECT_EQ(none.Draw(rng), 0);
}

TEST(ComputeModel, UniformStaysInItsRangeWithTheRequestedMean)
{
    const double mean = 1000;
    const double spread = 0.3;
    const ComputeTimeModel model = ComputeTimeModel::Uniform(mean, spread);
    EXPECT_EQ(model.Mean(), mean);
    Rng rng(11);
    double low = INFINITY;
    double high = -INFINITY;
    for (int k = 0; k < 100000; ++k)
    {
        const double x = model.Draw(rng);
        low = std::min(low, x);
        high = std::max(high, x);
    }
    EXPECT_GE(low, mean * (1 - spread));
    EXPECT_LE(high, mean * (1 + spread));
    // 100000 draws come within 0.1 % of the width to both ends (failure odds about e^-100).
    EXPECT_LT(low, mean * (1 - spread) + 0.001 * 2 * spread * mean);
    EXPECT_GT(high, mean * (1 + spread) - 0.001 * 2 * spread * mean);
    ExpectSampleMean(model, mean, 12);
    // Spread 0 is the constant.
    Rng rng2(1);
    EXPECT_EQ(ComputeTimeModel::Uniform(7, 0).Draw(rng2), 7);
}

TEST(ComputeModel, WorkloadMeansAreTheRequestedMean)
{
    uint64_t seed = 100;
    for (const std::string& name : WorkloadNames())
    {
        for (bool centre : {false, true})
        {
            for (double mean : {1000.0, 0.25})
            {
                const ComputeTimeModel model = ComputeTimeModel::Workload(name, mean, centre);
                EXPECT_EQ(model.Mean(), mean);
                ExpectSampleMean(model, mean, ++seed);
            }
        }
    }
}

TEST(ComputeModel, WorkloadBinFrequenciesMatchTheProportions)
{
    const auto csv = ReadCsv();
    uint64_t seed = 500;
    for (const std::string& name : WorkloadNames())
    {
        const std::vector<CsvBin>& bins = csv.at(name);
        double total = 0;
        for (const CsvBin& bin : bins)
        {
            total += bin.proportion;
        }
        for (bool centre : {false, true})
        {
            const double mean = 1000;
            const double scale = CsvScale(bins, mean);
            const ComputeTimeModel model = ComputeTimeModel::Workload(name, mean, centre);
            Rng rng(++seed);
            const int draws = 200000;
            std::vector<int> count(bins.size(), 0);
            int lowerHalf = 0;
            for (int k = 0; k < draws; ++k)
            {
                const double x = model.Draw(rng) / scale;
                // Bins are contiguous; find the one containing x (the last includes its top).
                size_t b = 0;
                while (b + 1 < bins.size() && x >= bins[b].high)
                {
                    ++b;
                }
                ASSERT_GE(x, bins[b].low * (1 - 1e-12)) << name;
                ASSERT_LE(x, bins[b].high * (1 + 1e-12)) << name;
                ++count[b];
                if (centre)
                {
                    EXPECT_NEAR(x, (bins[b].low + bins[b].high) / 2, 1e-9 * x) << name;
                }
                lowerHalf += x < (bins[b].low + bins[b].high) / 2 ? 1 : 0;
            }
            double chiSquare = 0;
            for (size_t b = 0; b < bins.size(); ++b)
            {
                const double expected = draws * bins[b].proportion / total;
                chiSquare += (count[b] - expected) * (count[b] - expected) / expected;
            }
            // Mean k - 1, standard deviation sqrt(2 (k - 1)): 6 deviations above is far in the
            // tail of a correct sampler and still catches a wrong proportion of a small bin.
            const double dof = static_cast<double>(bins.size() - 1);
            EXPECT_LT(chiSquare, dof + 6 * std::sqrt(2 * dof)) << name << " centre " << centre;
            if (!centre)
            {
                // Uniform inside a bin: half the draws fall below the centres.
                EXPECT_NEAR(lowerHalf, draws / 2.0, 4 * std::sqrt(draws / 4.0)) << name;
            }
        }
    }
}

TEST(ComputeModel, SameSeedSameDraws)
{
    for (const std::string& name : ComputeModelNames())
    {
        const ComputeTimeModel model = ComputeTimeModel::Create(name, 1000, 0.5);
        Rng a(42);
        Rng b(42);
        Rng c(43);
        std::vector<double> first;
        std::vector<double> second;
        std::vector<double> other;
        for (int k = 0; k < 100; ++k)
        {
            first.push_back(model.Draw(a));
            second.push_back(model.Draw(b));
            other.push_back(model.Draw(c));
        }
        EXPECT_EQ(first, second) << name;
        if (name != "constant")
        {
            EXPECT_NE(first, other) << name;
        }
    }
}

} // namespace
