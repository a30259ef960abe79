/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Peer-to-peer SSP (stale synchronous parallel) training at packet level over real ns-3 IP
// multicast (or L7 unicast): every worker computes at its own pace and multicasts its block as
// soon as it is ready; the controller selects the receivers each time (SELMCAST Algorithm 2 or a
// baseline), may drop receivers of transfers in flight, re-shares the bandwidth, and holds a
// worker back when it is more than ssp rounds ahead of the slowest.
//
// Output, written after every multicast (an interrupted run keeps what finished):
//   <outDir>/selmcast-ssp-multicasts.csv  one row per multicast (see SelmcastSspResults)
//   <outDir>/selmcast-ssp-summary.json    NPU utilization, scale, sync-time statistics, ...
// and one line on stdout. The seed comes from ns-3's RNG: --RngRun=2 gives another run.
//
// Bad parameters exit with status 1 and a message that names the parameter and its allowed
// range, before any file is written. The run also exits 1 when no multicast completes.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/selmcast-module.h"

#include <iostream>
#include <sstream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    SelmcastSspParameters par;
    bool wallClock = true;

    CommandLine cmd(__FILE__);
    cmd.AddValue("topology", "bigswitch or leafspine", par.topology);
    cmd.AddValue("n", "number of workers, >= 2", par.n);
    cmd.AddValue("hostsPerLeaf", "leafspine: workers per leaf, must divide n", par.hostsPerLeaf);
    cmd.AddValue("spines", "leafspine: number of spines, >= 1", par.spines);
    cmd.AddValue("p", "receivers per sender, in [1, n - 1]; 0 means round(pRatio * n)", par.p);
    cmd.AddValue("pRatio", "p / n when p is 0, in (0, 1)", par.pRatio);
    cmd.AddValue("k",
                 "forced-round limit: every pair synchronizes within k + 1 rounds, >= 1",
                 par.k);
    cmd.AddValue("ssp",
                 "staleness threshold: at most ssp rounds ahead of the slowest, >= 0",
                 par.ssp);
    cmd.AddValue("eta",
                 "a receiver holding more than (1 - eta) of a block stays selected, in [0, 1]",
                 par.eta);
    cmd.AddValue("tauOrder", "task order by tau: non-decreasing or non-increasing", par.tauOrder);
    cmd.AddValue("paretoLoad", "Pareto step load: new or old (as printed)", par.paretoLoad);
    cmd.AddValue("delivery",
                 "L3 (IP multicast, default) or L7 (unicast per receiver)",
                 par.delivery);
    cmd.AddValue("blockSize", "bytes of every parameter block, >= 1", par.blockSize);
    cmd.AddValue("segmentSize", "block bytes per packet, in [1, 1440]", par.segmentSize);
    cmd.AddValue("bandwidth", "mean egress bandwidth b (e.g. 10Gbps)", par.bandwidth);
    cmd.AddValue("lambda", "bandwidth spread b(1 + lambda x), x ~ U[-1, 1], in [0, 1)", par.lambda);
    cmd.AddValue("mu", "ingress / egress bandwidth ratio, > 0", par.mu);
    cmd.AddValue("selector", "selmcast, random or broadcast", par.selector);
    cmd.AddValue("workload",
                 "compute model: constant, uniform, lstm, transformer, resnet50",
                 par.workload);
    cmd.AddValue("computeMean", "mean compute time per round in ms, >= 0", par.computeMean);
    cmd.AddValue("rounds", "run until every worker completed this many rounds, >= 1", par.rounds);
    cmd.AddValue("duration", "simulated seconds to run, >= 0; 0: use rounds", par.duration);
    cmd.AddValue("ratePolicy", "maxmin or deadline", par.ratePolicy);
    cmd.AddValue("outDir", "directory of the result files (created)", par.outDir);
    cmd.AddValue("wallClock", "record selector wall times (false: reproducible files)", wallClock);
    cmd.Parse(argc, argv);

    std::string error = par.Validate();
    if (!error.empty())
    {
        std::cerr << "selmcast-ssp: invalid parameter: " << error << std::endl;
        return 1;
    }

    SelmcastTopologyHelper topo;
    topo.SetAttribute("MeanRate", DataRateValue(DataRate(par.bandwidth)));
    topo.SetAttribute("Spread", DoubleValue(par.lambda));
    topo.SetAttribute("IngressRatio", DoubleValue(par.mu));
    topo.AssignStreams(1);
    Ptr<SelmcastTopology> topology;
    if (par.topology == "leafspine")
    {
        topo.SetAttribute("HostsPerLeaf", UintegerValue(par.hostsPerLeaf));
        topo.SetAttribute("Leaves", UintegerValue(par.n / par.hostsPerLeaf));
        topo.SetAttribute("Spines", UintegerValue(par.spines));
        error = topo.Validate(SelmcastTopology::LEAF_SPINE);
    }
    else
    {
        topo.SetAttribute("Workers", UintegerValue(par.n));
        error = topo.Validate(SelmcastTopology::BIG_SWITCH);
    }
    if (!error.empty())
    {
        std::cerr << "selmcast-ssp: invalid parameter: " << error << std::endl;
        return 1;
    }
    topology = par.topology == "leafspine" ? topo.InstallLeafSpine() : topo.InstallBigSwitch();

    SelmcastTrainingHelper training;
    training.SetBlock(par.blockSize, par.segmentSize);
    training.SetTrainerAttribute("ComputeModel", StringValue(par.workload));
    training.SetTrainerAttribute("ComputeMean", TimeValue(MicroSeconds(par.computeMean * 1000)));
    training.SetControllerAttribute("Mode", StringValue("SSP"));
    training.SetControllerAttribute("Staleness", UintegerValue(par.ssp));
    training.SetControllerAttribute("Eta", DoubleValue(par.eta));
    training.SetControllerAttribute("TauOrder", StringValue(par.tauOrder));
    training.SetControllerAttribute("ParetoLoad", StringValue(par.paretoLoad));
    training.SetControllerAttribute("SspRatePolicy", StringValue(par.ratePolicy));
    training.SetControllerAttribute("Selector", StringValue(par.selector));
    training.SetControllerAttribute("Delivery", StringValue(par.delivery));
    training.SetControllerAttribute("MinReceivers", UintegerValue(par.EffectiveP()));
    training.SetControllerAttribute("ForcedRoundLimit", UintegerValue(par.k));
    training.SetControllerAttribute("Rounds", UintegerValue(par.rounds));
    training.SetControllerAttribute("Duration", TimeValue(Seconds(par.duration)));
    training.Install(topology);
    training.AssignStreams(100);

    SelmcastSspResults results(par.outDir, "selmcast-ssp", wallClock);
    auto text = [](double x) {
        std::ostringstream os;
        os << x;
        return os.str();
    };
    results.AddParameter("topology", par.topology);
    results.AddParameter("n", std::to_string(par.n));
    results.AddParameter("p", std::to_string(par.EffectiveP()));
    results.AddParameter("k", std::to_string(par.k));
    results.AddParameter("ssp", std::to_string(par.ssp));
    results.AddParameter("eta", text(par.eta));
    results.AddParameter("tauOrder", par.tauOrder);
    results.AddParameter("paretoLoad", par.paretoLoad);
    results.AddParameter("delivery", par.delivery);
    results.AddParameter("blockSize", std::to_string(par.blockSize));
    results.AddParameter("segmentSize", std::to_string(par.segmentSize));
    results.AddParameter("bandwidth", par.bandwidth);
    results.AddParameter("lambda", text(par.lambda));
    results.AddParameter("mu", text(par.mu));
    results.AddParameter("selector", par.selector);
    results.AddParameter("workload", par.workload);
    results.AddParameter("computeMean_ms", text(par.computeMean));
    results.AddParameter("rounds", std::to_string(par.rounds));
    results.AddParameter("duration_s", text(par.duration));
    results.AddParameter("ratePolicy", par.ratePolicy);
    results.AddParameter("RngRun", std::to_string(RngSeedManager::GetRun()));
    error = results.Open();
    if (!error.empty())
    {
        std::cerr << "selmcast-ssp: " << error << std::endl;
        return 1;
    }
    results.Connect(training.GetController(), training.GetTrainers());

    // A guard: a healthy run stops itself (after Duration, or once every worker did its rounds).
    Simulator::Stop(Seconds(par.duration > 0 ? par.duration + 1 : 3600));
    Simulator::Run();
    results.Finalize();
    bool finished = training.GetController()->IsFinished();
    Simulator::Destroy();

    std::cout << "selmcast-ssp: " << results.GetMulticasts() << " multicasts, NPU utilization "
              << results.GetUtilization() << ", mean scale " << results.GetMeanScale()
              << "; results in " << results.GetCsvPath() << " and " << results.GetJsonPath()
              << std::endl;
    return finished && results.GetMulticasts() > 0 ? 0 : 1;
}
