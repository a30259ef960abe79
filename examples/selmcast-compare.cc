/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// SELMCAST, Random p and Broadcast side by side, at packet level, on the same seeded network.
//
// The example builds the same BSP scenario once per selector (same RngRun, so the same access
// rates, the same bandwidth changes and the same compute-time draws; see SelmcastBspScenario),
// runs it to its last round, destroys the simulator, and goes on with the next selector. Then it
// prints one row per selector: mean round time, NPU utilization, average multicast scale,
// normalized completion (packet-level synchronization time over the fluid ideal) and the bytes
// the senders put on the wire.
//
// The defaults (16 workers, p = 5, 500 KB blocks at 1 Gbit/s with a +-50 % rate spread, 10
// rounds) finish in seconds and show what the paper shows: SELMCAST's rounds are shorter than
// Random p's, with a larger multicast scale; Broadcast reaches everyone but its rounds take
// several times longer.
//
// Output, under outDir (each written as the runs go):
//   selmcast-compare-<selector>-rounds.csv and -summary.json  per selector (see SelmcastResults)
//   selmcast-compare-table.csv                                the table, one row per selector
//   with --pcap: selmcast-compare-<selector>-<role>-node<N>-dev<D>.pcap per device
//   with --timeline: selmcast-compare-<selector>-timeline.csv (SelmcastTimeline)
//   with --netanim: selmcast-compare-<selector>-netanim.xml (SelmcastNetAnim)
//
// Bad parameters exit with status 1 and a message naming the parameter and its allowed range,
// before any file is written. The run also exits 1 when a selector's run misses rounds.

#include "ns3/core-module.h"
#include "ns3/selmcast-module.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/**
 * \param list comma-separated names
 * \return the names
 */
std::vector<std::string>
SplitNames(const std::string& list)
{
    std::vector<std::string> names;
    std::istringstream in(list);
    std::string name;
    while (std::getline(in, name, ','))
    {
        names.push_back(name);
    }
    return names;
}

/**
 * \param selectors the selectors asked for
 * \return an empty string when every name is known and none repeats, else the error
 */
std::string
CheckSelectors(const std::vector<std::string>& selectors)
{
    auto known = selmcast::SelectorNames();
    if (selectors.empty())
    {
        return "selectors: empty, allowed: a comma-separated list of selmcast, random, broadcast, "
               "optimum";
    }
    for (std::size_t i = 0; i < selectors.size(); ++i)
    {
        if (std::find(known.begin(), known.end(), selectors[i]) == known.end())
        {
            std::ostringstream err;
            err << "selectors: unknown '" << selectors[i] << "', allowed:";
            for (const auto& name : known)
            {
                err << " " << name;
            }
            return err.str();
        }
        for (std::size_t j = 0; j < i; ++j)
        {
            if (selectors[j] == selectors[i])
            {
                return "selectors: '" + selectors[i] + "' is listed twice";
            }
        }
    }
    return "";
}

} // namespace

int
main(int argc, char* argv[])
{
    SelmcastBspParameters par;
    // Small enough for seconds of wall time, uneven enough for the selectors to differ.
    par.n = 16;
    par.blockSize = 500000;
    par.bandwidth = "1Gbps";
    par.lambda = 0.5;
    par.computeMean = 20;
    par.rounds = 10;
    par.outDir = "selmcast-compare-output";
    std::string selectorList = "selmcast,random,broadcast";
    double gamma = 0;
    Time deltaT = MilliSeconds(100);
    bool progress = false;
    bool wallClock = true;

    SelmcastArgs args(__FILE__);
    SelmcastAddCommonArguments(args, par, gamma, deltaT, progress, wallClock);
    args.AddValue("selectors", "comma-separated selectors to compare, in order", selectorList);
    args.AddValue("delivery", "L3 (IP multicast) or L7 (unicast per receiver)", par.delivery);
    args.AddRate("bandwidth",
                 "mean egress bandwidth b (e.g. 1Gbps)",
                 par.bandwidth,
                 SelmcastBspParameters::MIN_RATE_BPS,
                 SelmcastBspParameters::MAX_RATE_BPS);
    args.AddUnsigned("rounds",
                     "BSP rounds per selector",
                     par.rounds,
                     1,
                     SelmcastBspParameters::MAX_ROUNDS);
    args.AddValue("ratePolicy", "finish-together, maxmin or deadline", par.ratePolicy);
    SelmcastRunCapture capture;
    capture.AddArguments(args);

    // Every check before the first file: a refused run leaves nothing behind.
    std::string error = args.Parse(argc, argv);
    std::vector<std::string> selectors = SplitNames(selectorList);
    error = error.empty() ? CheckSelectors(selectors) : error;
    error = error.empty() ? SelmcastBspScenario(par, gamma, deltaT).Validate() : error;
    error = error.empty() ? capture.Validate(par.n) : error;
    if (!error.empty())
    {
        return args.Refuse(error);
    }
    SelmcastWarnIgnored(args, par, gamma);

    std::vector<SelmcastBspSummary> rows;
    std::string fabric; // the same network for every selector
    for (const auto& selector : selectors)
    {
        SelmcastBspParameters run = par;
        run.selector = selector;
        SelmcastBspScenario scenario(run, gamma, deltaT);
        scenario.Build();
        fabric = SelmcastDescribeTopology(par, scenario.GetTopology());

        SelmcastResults results(par.outDir, "selmcast-compare-" + selector, wallClock);
        SelmcastAddBspParameters(results, par, selector, gamma, deltaT);
        error = results.Open();
        if (!error.empty())
        {
            std::cerr << "selmcast-compare: " << error << std::endl;
            return 1;
        }
        results.Connect(scenario.GetTraining().GetController(),
                        scenario.GetTraining().GetTrainers());
        error = capture.Attach(scenario.GetTopology(),
                               scenario.GetTraining(),
                               par.outDir + "/selmcast-compare-" + selector);
        if (!error.empty())
        {
            std::cerr << "selmcast-compare: " << error << std::endl;
            return 1;
        }
        if (progress)
        {
            std::cerr << "selmcast-compare: running " << selector << std::endl;
        }
        rows.push_back(scenario.Run(progress));
        if (par.background > 0)
        {
            std::cerr << "selmcast-compare: " << selector << ": "
                      << SelmcastDescribeBackground(rows.back().background) << std::endl;
            error = SelmcastWriteBackground(par.outDir + "/selmcast-compare-" + selector +
                                                "-background.csv",
                                            rows.back().background);
            if (!error.empty())
            {
                std::cerr << "selmcast-compare: " << error << std::endl;
                return 1;
            }
        }
        if (!rows.back().Failure(par.rounds).empty())
        {
            // No table for an incomplete comparison: its rows would not compare like with like.
            std::cerr << "selmcast-compare: error: " << rows.back().Failure(par.rounds)
                      << std::endl;
            return 1;
        }
    }

    std::cout << "selmcast-compare: n = " << par.n << ", p = " << par.EffectiveP()
              << ", k = " << par.k << ", " << par.delivery << ", " << par.topology << ", block "
              << par.blockSize << " B, b = " << par.bandwidth << ", lambda = " << par.lambda
              << ", mu = " << par.mu << ", gamma = " << gamma << ", " << par.rounds
              << " rounds, compute " << par.computeMean << " ms (" << par.workload
              << "), RngRun = " << RngSeedManager::GetRun() << "\n"
              << fabric << "\n\n";
    std::cout << std::left << std::setw(11) << "selector" << std::right << std::setw(8) << "rounds"
              << std::setw(16) << "round time ms" << std::setw(10) << "NPU util" << std::setw(11)
              << "avg scale" << std::setw(13) << "norm. compl." << std::setw(14) << "wire bytes"
              << std::setw(11) << "wall s"
              << "\n";
    std::string tablePath = par.outDir + "/selmcast-compare-table.csv";
    std::ofstream table(tablePath, std::ios::out | std::ios::trunc);
    table << "selector,rounds,mean_round_time_s,npu_utilization,average_scale,"
             "normalized_completion,wire_bytes,repair_bytes,simulated_s\n";
    for (const auto& r : rows)
    {
        std::cout << std::left << std::setw(11) << r.selector << std::right << std::fixed
                  << std::setw(8) << r.rounds << std::setw(16) << std::setprecision(3)
                  << r.meanRoundTime * 1e3 << std::setw(10) << r.npuUtilization << std::setw(11)
                  << r.averageScale << std::setw(13) << r.normalizedCompletion << std::setw(14)
                  << r.wireBytes << std::setw(11) << std::setprecision(2) << r.wallSeconds << "\n";
        table << std::setprecision(9) << std::defaultfloat << r.selector << "," << r.rounds << ","
              << r.meanRoundTime << "," << r.npuUtilization << "," << r.averageScale << ","
              << r.normalizedCompletion << "," << r.wireBytes << "," << r.repairBytes << ","
              << r.simulatedSeconds << "\n";
    }
    std::cout << std::defaultfloat << "\nround time: compute + synchronization; NPU util: compute "
              << "/ elapsed time; avg scale: receivers / n^2 per round; norm. compl.: "
              << "packet-level sync time / fluid ideal; wire bytes: what the senders sent, "
              << "repairs included.\nresults in " << par.outDir << "/" << std::endl;
    return 0;
}
