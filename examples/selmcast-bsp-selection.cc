/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The paper's BSP evaluation (spec section 7) from the selection core: for seeded instances of n
// workers with bandwidths b(1 + lambda x), every selector picks the receivers of one round, and
// the example prints normalized completion time t(X) / ideal, multicast scale and selector run
// time, with their standard errors. It checks every plan against the constraints and exits
// non-zero when one fails, so test.py and CTest catch a regression.
//
// Output: a table on stdout and one CSV row per trial in <outDir>/selmcast-bsp-selection.csv
// (columns: delivery, selector, trial, seed, n, p, lambda, mu, completion, ideal,
// normalized_completion, scale, pairs, run_time_ms).
//
// The seed of every trial comes from ns-3's RNG (--RngRun), so a run is reproducible.

#include "ns3/core-module.h"
#include "ns3/selmcast-module.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/** Mean and standard error of a sample. */
struct Summary
{
    double mean{0};   //!< sample mean
    double stdErr{0}; //!< standard error of the mean
};

Summary
Summarize(const std::vector<double>& values)
{
    Summary s;
    if (values.empty())
    {
        return s;
    }
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    s.mean = sum / values.size();
    if (values.size() > 1)
    {
        double sq = 0;
        for (double v : values)
        {
            sq += (v - s.mean) * (v - s.mean);
        }
        s.stdErr = std::sqrt(sq / (values.size() - 1) / values.size());
    }
    return s;
}

std::vector<std::string>
SplitList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

/** Print a parameter error naming the parameter and its allowed range, and exit non-zero. */
[[noreturn]] void
BadParameter(const std::string& message)
{
    std::cerr << "selmcast-bsp-selection: invalid parameter: " << message << std::endl;
    std::exit(1);
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t n = 100;
    uint32_t p = 0;
    double pRatio = 0.3;
    double lambda = 0.25;
    double mu = 1.0;
    bool muInverseP = false;
    std::string delivery = "both";
    std::string selectors = "selmcast,random,broadcast,optimum";
    uint32_t trials = 10;
    uint32_t randomTrials = 30;
    std::string outDir = ".";

    // Upper bounds keep a typo from asking for terabytes.
    const uint32_t maxN = 10000;
    const uint32_t maxTrials = 100000;
    SelmcastArgs args(__FILE__);
    args.GetCommandLine().Usage(
        "SELMCAST BSP receiver selection on the paper's instances (selection core only).");
    args.AddUnsigned("n", "number of workers", n, 2, maxN);
    args.AddUnsigned("p",
                     "receivers per sender, at most n - 1; 0 means round(pRatio * n)",
                     p,
                     0,
                     maxN - 1);
    args.AddReal("pRatio", "p / n when p is 0", pRatio, {0, 1, true, true});
    args.AddReal("lambda",
                 "bandwidth spread: b(1 + lambda x), x ~ U[-1, 1]",
                 lambda,
                 {0, 1, false, true});
    args.AddReal("mu", "ingress / egress bandwidth ratio", mu, {0, 1000, true, false});
    args.AddValue("muInverseP", "set mu = 1 / p (the paper's L3 case)", muInverseP);
    args.AddValue("delivery", "L3, L7 or both", delivery);
    args.AddValue("selectors", "comma-separated: selmcast, random, broadcast, optimum", selectors);
    args.AddUnsigned("trials", "seeded instances per case", trials, 1, maxTrials);
    args.AddUnsigned("randomTrials",
                     "instances for Random p, whose result varies far more (raised to trials)",
                     randomTrials,
                     0,
                     maxTrials);
    args.AddValue("outDir", "folder of the CSV output (must exist)", outDir);
    std::string error = args.Parse(argc, argv);
    if (!error.empty())
    {
        BadParameter(error);
    }

    if (p == 0)
    {
        p = std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(pRatio * n)));
    }
    if (p > n - 1)
    {
        BadParameter("p: " + std::to_string(p) + " is out of range, allowed: [1, n - 1] = [1, " +
                     std::to_string(n - 1) + "]");
    }
    if (muInverseP)
    {
        mu = 1.0 / p;
    }
    randomTrials = std::max(randomTrials, trials);
    std::vector<selmcast::Delivery> deliveries;
    if (delivery == "both")
    {
        deliveries = {selmcast::Delivery::L3, selmcast::Delivery::L7};
    }
    else
    {
        try
        {
            deliveries = {selmcast::ParseDelivery(delivery)};
        }
        catch (const std::invalid_argument&)
        {
            BadParameter("delivery: unknown '" + delivery + "', allowed: L3, L7, both");
        }
    }
    std::vector<std::unique_ptr<selmcast::Selector>> chosen;
    for (const auto& name : SplitList(selectors))
    {
        try
        {
            chosen.push_back(selmcast::MakeSelector(name));
        }
        catch (const std::invalid_argument& e)
        {
            BadParameter(std::string("--selectors: ") + e.what());
        }
    }
    if (chosen.empty())
    {
        BadParameter("--selectors is empty: name at least one of selmcast, random, broadcast, "
                     "optimum");
    }
    // Check the instance parameters (lambda, mu) through the core's own validation.
    selmcast::PaperInstance setting;
    setting.n = n;
    setting.p = p;
    setting.lambda = lambda;
    setting.mu = mu;
    try
    {
        setting.Validate();
    }
    catch (const std::invalid_argument& e)
    {
        BadParameter(e.what());
    }
    std::ofstream csv(outDir + "/selmcast-bsp-selection.csv");
    if (!csv)
    {
        BadParameter("outDir: '" + outDir +
                     "' is not a writable folder, allowed: an existing folder");
    }
    csv << "delivery,selector,trial,seed,n,p,lambda,mu,completion,ideal,normalized_completion,"
           "scale,pairs,run_time_ms\n";

    // One seed per trial from ns-3's RNG: --RngRun changes every instance.
    Ptr<UniformRandomVariable> seeds = CreateObject<UniformRandomVariable>();
    seeds->SetStream(0);
    std::vector<uint64_t> trialSeeds(randomTrials);
    for (auto& s : trialSeeds)
    {
        s = (static_cast<uint64_t>(seeds->GetInteger(0, 0xffffffffU)) << 32) |
            seeds->GetInteger(0, 0xffffffffU);
    }

    std::cout << "SELMCAST BSP selection: n = " << n << ", p = " << p << ", lambda = " << lambda
              << ", mu = " << mu << ", " << trials << " trials (Random p: " << randomTrials
              << "), RngRun = " << RngSeedManager::GetRun() << "\n\n";
    std::cout << std::left << std::setw(9) << "delivery" << std::setw(11) << "selector"
              << std::setw(22) << "norm. completion" << std::setw(22) << "multicast scale"
              << "run time (ms)\n";

    bool allValid = true;
    for (auto d : deliveries)
    {
        setting.delivery = d;
        for (const auto& selector : chosen)
        {
            const bool isRandom = selector->GetName() == "random";
            const uint32_t count = isRandom ? randomTrials : trials;
            std::vector<double> normalized;
            std::vector<double> scale;
            std::vector<double> runMs;
            for (uint32_t t = 0; t < count; ++t)
            {
                // The instance depends on the trial seed only, so every selector sees the same
                // instances; the selector draws from a generator of its own.
                selmcast::Rng instanceRng(trialSeeds[t]);
                selmcast::Problem problem = selmcast::MakePaperProblem(setting, instanceRng);
                selmcast::Rng selectorRng(trialSeeds[t] ^ 0x5e1c0a57ULL);
                auto start = std::chrono::steady_clock::now();
                selmcast::Plan plan;
                try
                {
                    plan = selector->SelectRound(problem, selectorRng);
                }
                catch (const std::exception& e)
                {
                    std::cerr << "selmcast-bsp-selection: " << selector->GetName()
                              << " failed: " << e.what() << "\n";
                    return 1;
                }
                auto stop = std::chrono::steady_clock::now();
                std::string problemText = selmcast::CheckPlan(problem, plan);
                if (!problemText.empty())
                {
                    std::cerr << "invalid plan from " << selector->GetName() << ": " << problemText
                              << "\n";
                    allValid = false;
                }
                const double completion = selmcast::CompletionTime(problem, plan);
                const double ideal = selmcast::FluidIdeal(problem);
                uint32_t pairs = 0;
                for (uint32_t i = 0; i < n; ++i)
                {
                    pairs += selmcast::CountReceivers(plan, i);
                }
                normalized.push_back(completion / ideal);
                scale.push_back(selmcast::MulticastScale(plan));
                runMs.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
                csv << selmcast::ToString(d) << "," << selector->GetName() << "," << t << ","
                    << trialSeeds[t] << "," << n << "," << p << "," << lambda << "," << mu << ","
                    << completion << "," << ideal << "," << normalized.back() << "," << scale.back()
                    << "," << pairs << "," << runMs.back() << "\n";
            }
            Summary c = Summarize(normalized);
            Summary s = Summarize(scale);
            Summary r = Summarize(runMs);
            std::ostringstream cText;
            std::ostringstream sText;
            cText << std::fixed << std::setprecision(3) << c.mean << " +- " << c.stdErr;
            sText << std::fixed << std::setprecision(3) << s.mean << " +- " << s.stdErr;
            std::cout << std::left << std::setw(9) << selmcast::ToString(d) << std::setw(11)
                      << selector->GetName() << std::setw(22) << cText.str() << std::setw(22)
                      << sText.str() << std::fixed << std::setprecision(3) << r.mean << "\n";
        }
    }
    std::cout << "\nper-trial rows: " << outDir << "/selmcast-bsp-selection.csv\n";
    if (!allValid)
    {
        std::cerr << "selmcast-bsp-selection: a selector returned an invalid plan\n";
        return 1;
    }
    return 0;
}
