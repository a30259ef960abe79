/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Flow-level SSP training (selmcast::SspFlowSimulation): the controller's selection
// (SELMCAST Algorithm 2 or a baseline) and rate allocation over fluid transfers on one big
// switch, with the paper's compute-time models. Seconds per run where the packet-level
// selmcast-ssp takes minutes to hours, so that the readings of Algorithm 2 can be searched at the
// paper's own setting (doc/selmcast.rst, Validation, "Readings of Algorithm 2"). The defaults are
// the paper's SSP setting shortened to 60 simulated seconds.
//
// Output: one line on stdout (key=value) and <outDir>/selmcast-ssp-flow-summary.csv (a header
// and one row). Bad parameters exit with status 1 and one line naming the parameter and its
// allowed range, before any file is written. The seed is --RngRun.

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/selmcast-module.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

namespace
{

/** The command line's text knobs, before they are parsed. */
struct FlowArguments
{
    std::string workload{"lstm"};     //!< compute model
    double computeMean{1000};         //!< ms
    std::string bandwidth{"40Gbps"};  //!< mean egress b
    double blockSize{200e6};          //!< bytes
    std::string ratePolicy{"maxmin"}; //!< maxmin or deadline
    /**
     * The readings of Algorithm 2 by SetSspReading's names, at SelmcastController's defaults
     * (KeepCompare less-equal and TauEstimate round: doc/selmcast.rst, Readings of Algorithm 2).
     */
    std::map<std::string, std::string> readings{{"TauOrder", "non-decreasing"},
                                                {"ParetoLoad", "new"},
                                                {"KeepCompare", "less-equal"},
                                                {"KeepMeasure", "remaining"},
                                                {"KeepScope", "receiver"},
                                                {"ParetoScope", "all"},
                                                {"ParetoDeadline", "own"}};
    std::string tauEstimate{"round"};               //!< blocking or round
    std::string outDir{"selmcast-ssp-flow-output"}; //!< output folder
};

/**
 * Turn the text knobs into the configuration.
 * \return "" or the message naming the parameter and its allowed values
 */
std::string
Parse(const FlowArguments& a, selmcast::SspFlowConfig& c)
{
    DataRateValue rate;
    if (!rate.DeserializeFromString(a.bandwidth, MakeDataRateChecker()) ||
        rate.Get().GetBitRate() == 0)
    {
        return "--bandwidth '" + a.bandwidth + "' is not a positive data rate (e.g. 40Gbps)";
    }
    c.bandwidth = rate.Get().GetBitRate() / 8.0;
    if (!(std::isfinite(a.blockSize) && a.blockSize > 0))
    {
        return "--blockSize must be finite and > 0 (bytes)";
    }
    c.volume = a.blockSize;
    if (a.ratePolicy != "maxmin" && a.ratePolicy != "deadline")
    {
        return "--ratePolicy: unknown '" + a.ratePolicy + "', allowed: maxmin, deadline";
    }
    try
    {
        for (const auto& [name, value] : a.readings)
        {
            selmcast::SetSspReading(c.options, name, value);
        }
        c.ratePolicy = selmcast::ParseRatePolicy(a.ratePolicy);
        c.tauEstimate = selmcast::ParseTauEstimate(a.tauEstimate);
        c.compute = selmcast::ComputeTimeModel::Create(a.workload, a.computeMean / 1000.0);
        c.Validate();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

} // namespace

int
main(int argc, char* argv[])
{
    selmcast::SspFlowConfig config;
    config.n = 50;
    config.p = 15;
    config.duration = 60;
    FlowArguments a;

    CommandLine cmd(__FILE__);
    cmd.AddValue("n", "workers, >= 2", config.n);
    cmd.AddValue("p", "receivers per multicast, in [1, n - 1]", config.p);
    cmd.AddValue("k", "forced-round limit, >= 1", config.k);
    cmd.AddValue("ssp", "staleness threshold, >= 0", config.staleness);
    cmd.AddValue("eta", "keep rule threshold, in [0, 1]", config.options.eta);
    cmd.AddValue("lambda", "port bandwidth spread, in [0, 1)", config.lambda);
    cmd.AddValue("mu", "ingress / egress bandwidth ratio, > 0", config.mu);
    cmd.AddValue("bandwidth", "mean egress bandwidth b (e.g. 40Gbps)", a.bandwidth);
    cmd.AddValue("blockSize", "block size in bytes, > 0", a.blockSize);
    cmd.AddValue("workload", "constant, lstm, transformer or resnet50", a.workload);
    cmd.AddValue("computeMean", "mean compute time per round, ms, > 0", a.computeMean);
    cmd.AddValue("duration", "simulated seconds, > 0", config.duration);
    cmd.AddValue("selector", "selmcast, random or broadcast", config.selector);
    cmd.AddValue("ratePolicy", "maxmin or deadline", a.ratePolicy);
    cmd.AddValue("tauOrder", "non-decreasing or non-increasing", a.readings["TauOrder"]);
    cmd.AddValue("paretoLoad", "new or old (as printed)", a.readings["ParetoLoad"]);
    cmd.AddValue("keepCompare",
                 "keep rule: less (as printed) or less-equal",
                 a.readings["KeepCompare"]);
    cmd.AddValue("keepMeasure",
                 "keep rule's v_ij: remaining or received",
                 a.readings["KeepMeasure"]);
    cmd.AddValue("keepScope", "keep rule's v_ij: receiver or session", a.readings["KeepScope"]);
    cmd.AddValue("paretoScope",
                 "Pareto re-adds to: all tasks or the new one",
                 a.readings["ParetoScope"]);
    cmd.AddValue("paretoDeadline",
                 "Pareto bound: own t_i or global max",
                 a.readings["ParetoDeadline"]);
    cmd.AddValue("tauEstimate", "blocking, round or straggler", a.tauEstimate);
    cmd.AddValue("dropsFinal", "false: dropped receivers may return later", config.dropsFinal);
    cmd.AddValue("reselectOnDone",
                 "also run Algorithm 2 when a multicast ends",
                 config.reselectOnDone);
    cmd.AddValue("outDir", "output folder", a.outDir);
    cmd.Parse(argc, argv);

    const std::string error = Parse(a, config);
    if (!error.empty())
    {
        std::cerr << "selmcast-ssp-flow: invalid parameter: " << error << std::endl;
        return 1;
    }
    const uint64_t seed = RngSeedManager::GetRun() * 1000003ULL + RngSeedManager::GetSeed();
    selmcast::SspFlowSimulation simulation(config, seed);
    const selmcast::SspFlowResult r = simulation.Run();
    if (r.multicasts == 0)
    {
        std::cerr << "selmcast-ssp-flow: no multicast completed; raise --duration" << std::endl;
        return 1;
    }

    std::ostringstream header;
    std::ostringstream row;
    auto put = [&](const std::string& key, const auto& value) {
        header << (header.tellp() > 0 ? "," : "") << key;
        row << (row.tellp() > 0 ? "," : "") << value;
    };
    put("n", config.n);
    put("p", config.p);
    put("eta", config.options.eta);
    put("workload", a.workload);
    put("selector", config.selector);
    for (const auto& [name, value] : a.readings)
    {
        put(name, value);
    }
    put("tau_estimate", a.tauEstimate);
    put("rate_policy", a.ratePolicy);
    put("drops_final", config.dropsFinal ? 1 : 0);
    put("reselect_on_done", config.reselectOnDone ? 1 : 0);
    put("lambda", config.lambda);
    put("run", RngSeedManager::GetRun());
    put("utilization", r.utilization);
    put("scale", r.scale);
    put("multicasts", r.multicasts);
    put("drops", r.drops);
    put("mean_rounds", r.meanRounds);

    std::error_code ec;
    std::filesystem::create_directories(a.outDir, ec);
    std::ofstream out(a.outDir + "/selmcast-ssp-flow-summary.csv");
    out << header.str() << "\n" << row.str() << "\n";
    if (!out)
    {
        std::cerr << "selmcast-ssp-flow: cannot write " << a.outDir << std::endl;
        return 1;
    }
    std::cout << "utilization=" << r.utilization << " scale=" << r.scale
              << " multicasts=" << r.multicasts << " drops=" << r.drops
              << " rounds=" << r.meanRounds << std::endl;
    return 0;
}
