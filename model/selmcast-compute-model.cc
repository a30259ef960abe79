/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-compute-model.h"

#include "selmcast-fail.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace selmcast
{

namespace
{

// The histograms of doc/compute-time-histograms.csv (bin edges in ms, raw and normalized
// proportions), embedded so that the module reads no file at run time. A gtest checks that they
// equal the CSV bin for bin.

/** LSTM on UCF101. */
const std::vector<WorkloadBin> kLstm = {
    {119.9, 199.7, 0.05972, 0.05971},   {199.7, 279.4, 0.06841, 0.06841},
    {279.4, 359.2, 0.00174, 0.00174},   {359.2, 439.1, 0.05798, 0.05797},
    {439.1, 518.7, 0.07885, 0.07884},   {518.7, 598.6, 0.06030, 0.06029},
    {598.6, 678.4, 0.00870, 0.00870},   {678.4, 758.3, 0.05972, 0.05971},
    {758.3, 838.0, 0.02725, 0.02725},   {838.0, 917.8, 0.04464, 0.04464},
    {917.8, 997.7, 0.04406, 0.04406},   {997.7, 1077.5, 0.05044, 0.05043},
    {1077.5, 1157.2, 0.07131, 0.07131}, {1157.2, 1237.0, 0.04696, 0.04696},
    {1237.0, 1316.9, 0.03537, 0.03536}, {1316.9, 1396.5, 0.04928, 0.04927},
    {1396.5, 1476.4, 0.04058, 0.04058}, {1476.4, 1556.2, 0.01101, 0.01101},
    {1556.2, 1636.1, 0.02783, 0.02782}, {1636.1, 1715.8, 0.01971, 0.01971},
    {1715.8, 1795.6, 0.03073, 0.03072}, {1795.6, 1875.5, 0.02725, 0.02725},
    {1875.5, 1955.3, 0.02029, 0.02029}, {1955.3, 2035.0, 0.00232, 0.00232},
    {2035.0, 2114.8, 0.01044, 0.01044}, {2114.8, 2194.7, 0.01391, 0.01391},
    {2194.7, 2274.3, 0.00348, 0.00348}, {2274.3, 2354.2, 0.00812, 0.00811},
    {2354.2, 2434.0, 0.00812, 0.00811}, {2434.0, 2513.9, 0.00464, 0.00464},
    {2513.9, 2593.6, 0.00348, 0.00348}, {2593.6, 2673.4, 0.00116, 0.00116},
    {2673.4, 2753.3, 0.00232, 0.00232},
};

/** Transformer on WMT16. */
const std::vector<WorkloadBin> kTransformer = {
    {480.0, 586.8, 0.00169, 0.00169},
    {586.8, 693.5, 0.01859, 0.01858},
    {693.5, 800.3, 0.18075, 0.18074},
    {800.3, 907.0, 0.22636, 0.22635},
    {907.0, 1013.8, 0.22129, 0.22129},
    {1013.8, 1120.5, 0.14696, 0.14696},
    {1120.5, 1227.3, 0.06250, 0.06250},
    {1227.3, 1334.0, 0.03885, 0.03885},
    {1334.0, 1440.7, 0.02196, 0.02196},
    {1440.7, 1547.5, 0.02027, 0.02027},
    {1547.5, 1654.2, 0.02365, 0.02365},
    {1654.2, 1761.0, 0.01520, 0.01520},
    {1761.0, 1867.6, 0.01013, 0.01013},
    {1867.6, 1974.5, 0.00676, 0.00676},
    {1974.5, 2081.1, 0.00337, 0.00337},
    {2081.1, 2187.8, 0.00169, 0.00169},
};

/** ResNet-50 on ImageNet. */
const std::vector<WorkloadBin> kResNet50 = {
    {843.3, 955.7, 0.78261, 0.78238},
    {955.7, 1068.2, 0.02353, 0.02353},
    {1068.2, 1180.6, 0.02943, 0.02942},
    {1180.6, 1293.0, 0.05296, 0.05294},
    {1293.0, 1405.5, 0.02943, 0.02942},
    {1405.5, 1517.9, 0.01764, 0.01763},
    {1517.9, 1630.3, 0.01175, 0.01174},
    {1630.3, 1742.8, 0.04706, 0.04705},
    {1742.8, 1855.2, 0.00589, 0.00589},
};

/**
 * \param text any text
 * \return it in lower case
 */
std::string
Lower(const std::string& text)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return lower;
}

/**
 * \param name a workload name in any case, "resnet-50" included
 * \return its canonical name, or an empty string when it is unknown
 */
std::string
CanonicalWorkload(const std::string& name)
{
    const std::string lower = Lower(name);
    if (lower == "resnet-50")
    {
        return "resnet50";
    }
    for (const std::string& known : WorkloadNames())
    {
        if (lower == known)
        {
            return known;
        }
    }
    return "";
}

/**
 * \param names some names
 * \return them as "a, b or c"
 */
std::string
ListOf(const std::vector<std::string>& names)
{
    std::string list;
    for (size_t i = 0; i < names.size(); ++i)
    {
        list += (i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ")) + names[i];
    }
    return list;
}

/**
 * Check a mean.
 * \param who the model, for the message
 * \param mean the value
 * \param allowZero true when 0 is allowed
 */
void
CheckMean(const char* who, double mean, bool allowZero)
{
    if (!std::isfinite(mean) || mean < 0 || (mean == 0 && !allowZero))
    {
        Fail("ComputeTimeModel::",
             who,
             ": mean = ",
             mean,
             " is out of range: must be finite and ",
             allowZero ? ">= 0" : "> 0");
    }
}

} // namespace

std::vector<std::string>
WorkloadNames()
{
    return {"lstm", "transformer", "resnet50"};
}

std::vector<std::string>
ComputeModelNames()
{
    std::vector<std::string> names = {"constant", "uniform"};
    for (const std::string& name : WorkloadNames())
    {
        names.push_back(name);
    }
    return names;
}

const std::vector<WorkloadBin>&
WorkloadHistogram(const std::string& name)
{
    const std::string canonical = CanonicalWorkload(name);
    if (canonical == "lstm")
    {
        return kLstm;
    }
    if (canonical == "transformer")
    {
        return kTransformer;
    }
    if (canonical == "resnet50")
    {
        return kResNet50;
    }
    Fail("workload \"", name, "\" is unknown: must be ", ListOf(WorkloadNames()));
}

ComputeTimeModel
ComputeTimeModel::Constant(double mean)
{
    CheckMean("Constant", mean, true);
    ComputeTimeModel model;
    model.m_kind = Kind::Constant;
    model.m_name = "constant";
    model.m_mean = mean;
    return model;
}

ComputeTimeModel
ComputeTimeModel::Uniform(double mean, double spread)
{
    CheckMean("Uniform", mean, false);
    if (!(spread >= 0 && spread <= 1))
    {
        Fail("ComputeTimeModel::Uniform: spread = ", spread, " is out of range: must be in [0, 1]");
    }
    ComputeTimeModel model;
    model.m_kind = Kind::Uniform;
    model.m_name = "uniform";
    model.m_mean = mean;
    model.m_spread = spread;
    return model;
}

ComputeTimeModel
ComputeTimeModel::Workload(const std::string& name, double mean, bool binCentre)
{
    const std::vector<WorkloadBin>& bins = WorkloadHistogram(name);
    CheckMean("Workload", mean, false);
    ComputeTimeModel model;
    model.m_kind = Kind::Workload;
    model.m_name = CanonicalWorkload(name);
    model.m_mean = mean;
    model.m_binCentre = binCentre;
    model.m_bins = &bins;

    // The normalized proportions of the digitized data sum to about 0.9998, so they are
    // renormalized; the raw mean is that of the bin centres, equal for both variants.
    double total = 0;
    double centreSum = 0;
    for (const WorkloadBin& bin : bins)
    {
        total += bin.proportion;
        centreSum += bin.proportion * 0.5 * (bin.lowMs + bin.highMs);
        model.m_cumulative.push_back(total);
    }
    for (double& c : model.m_cumulative)
    {
        c /= total;
    }
    model.m_cumulative.back() = 1;
    model.m_scale = mean / (centreSum / total);
    return model;
}

ComputeTimeModel
ComputeTimeModel::Create(const std::string& name, double mean, double spread, bool binCentre)
{
    const std::string lower = Lower(name);
    if (lower == "constant")
    {
        return Constant(mean);
    }
    if (lower == "uniform")
    {
        return Uniform(mean, spread);
    }
    if (!CanonicalWorkload(name).empty())
    {
        return Workload(name, mean, binCentre);
    }
    Fail("compute model \"", name, "\" is unknown: must be ", ListOf(ComputeModelNames()));
}

double
ComputeTimeModel::Draw(Rng& rng) const
{
    switch (m_kind)
    {
    case Kind::Constant:
        return m_mean;
    case Kind::Uniform:
        return m_mean * (1 - m_spread + 2 * m_spread * rng.Uniform01());
    case Kind::Workload: {
        const double u = rng.Uniform01();
        // upper_bound: the first bin whose cumulative probability exceeds u; u < 1 = the last.
        const size_t k = static_cast<size_t>(
            std::upper_bound(m_cumulative.begin(), m_cumulative.end(), u) - m_cumulative.begin());
        const WorkloadBin& bin = (*m_bins)[std::min(k, m_bins->size() - 1)];
        const double position = m_binCentre ? 0.5 : rng.Uniform01();
        return m_scale * (bin.lowMs + position * (bin.highMs - bin.lowMs));
    }
    }
    return m_mean;
}

double
ComputeTimeModel::Mean() const
{
    return m_mean;
}

std::string
ComputeTimeModel::GetName() const
{
    return m_name;
}

} // namespace selmcast
} // namespace ns3
