/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Peer-to-peer BSP training at packet level over real ns-3 IP multicast (or L7 unicast): n
// workers on a big switch or a leaf-spine fabric compute, report to the controller, and
// multicast their parameter blocks to the receivers SELMCAST (or a baseline) selects, every
// round. The controller runs on its own node; every report, assignment and block crosses the
// network as packets.
//
// Output, written after every round (an interrupted run keeps its finished rounds):
//   <outDir>/selmcast-bsp-rounds.csv   one row per round (see SelmcastResults)
//   <outDir>/selmcast-bsp-summary.json NPU utilization, scale, round-time statistics, ...
// and a short table on stdout. The seed comes from ns-3's RNG: --RngRun=2 gives another run.
//
// Bad parameters exit with status 1 and a message that names the parameter and its allowed
// range, before any file is written. The run also exits 1 when a round fails to complete.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/selmcast-module.h"

#include <iomanip>
#include <iostream>
#include <memory>

using namespace ns3;

int
main(int argc, char* argv[])
{
    SelmcastBspParameters par;
    bool wallClock = true;
    bool progress = false;

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
    cmd.AddValue("delivery", "L3 (IP multicast) or L7 (unicast per receiver)", par.delivery);
    cmd.AddValue("blockSize", "bytes of every parameter block, >= 1", par.blockSize);
    cmd.AddValue("segmentSize", "block bytes per packet, in [1, 1440]", par.segmentSize);
    cmd.AddValue("bandwidth", "mean egress bandwidth b (e.g. 10Gbps)", par.bandwidth);
    cmd.AddValue("lambda", "bandwidth spread b(1 + lambda x), x ~ U[-1, 1], in [0, 1)", par.lambda);
    cmd.AddValue("mu", "ingress / egress bandwidth ratio, > 0", par.mu);
    cmd.AddValue("selector", "selmcast, random, broadcast or optimum", par.selector);
    cmd.AddValue("workload",
                 "compute model: constant, uniform, lstm, transformer, resnet50",
                 par.workload);
    cmd.AddValue("computeMean", "mean compute time per round in ms, >= 0", par.computeMean);
    cmd.AddValue("rounds", "BSP rounds, >= 1", par.rounds);
    cmd.AddValue("outDir", "directory of the result files (created)", par.outDir);
    cmd.AddValue("ratePolicy", "finish-together, maxmin or deadline", par.ratePolicy);
    cmd.AddValue("wallClock", "record selector wall times (false: reproducible files)", wallClock);
    cmd.AddValue("progress", "show simulated time, wall time and event rate (stderr)", progress);
    cmd.Parse(argc, argv);

    std::string error = par.Validate();
    if (error.empty())
    {
        // The topology's own checks (for example, rates) before anything is built.
        SelmcastTopologyHelper probe;
        probe.SetAttribute("Workers", UintegerValue(par.n));
        error = probe.Validate(SelmcastTopology::BIG_SWITCH);
    }
    if (!error.empty())
    {
        std::cerr << "selmcast-bsp: invalid parameter: " << error << std::endl;
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
        if (!error.empty())
        {
            std::cerr << "selmcast-bsp: invalid parameter: " << error << std::endl;
            return 1;
        }
        topology = topo.InstallLeafSpine();
    }
    else
    {
        topo.SetAttribute("Workers", UintegerValue(par.n));
        topology = topo.InstallBigSwitch();
    }

    SelmcastTrainingHelper training;
    training.SetBlock(par.blockSize, par.segmentSize);
    training.SetTrainerAttribute("ComputeModel", StringValue(par.workload));
    training.SetTrainerAttribute("ComputeMean", TimeValue(MicroSeconds(par.computeMean * 1000)));
    training.SetControllerAttribute("Selector", StringValue(par.selector));
    training.SetControllerAttribute("Delivery", StringValue(par.delivery));
    training.SetControllerAttribute("MinReceivers", UintegerValue(par.EffectiveP()));
    training.SetControllerAttribute("ForcedRoundLimit", UintegerValue(par.k));
    training.SetControllerAttribute("Rounds", UintegerValue(par.rounds));
    training.SetControllerAttribute("RatePolicy", StringValue(par.ratePolicy));
    training.Install(topology);
    training.AssignStreams(100);

    SelmcastResults results(par.outDir, "selmcast-bsp", wallClock);
    std::ostringstream ratio;
    ratio << par.pRatio;
    results.AddParameter("topology", par.topology);
    results.AddParameter("n", std::to_string(par.n));
    results.AddParameter("p", std::to_string(par.EffectiveP()));
    results.AddParameter("k", std::to_string(par.k));
    results.AddParameter("delivery", par.delivery);
    results.AddParameter("blockSize", std::to_string(par.blockSize));
    results.AddParameter("segmentSize", std::to_string(par.segmentSize));
    results.AddParameter("bandwidth", par.bandwidth);
    results.AddParameter("lambda", std::to_string(par.lambda));
    results.AddParameter("mu", std::to_string(par.mu));
    results.AddParameter("selector", par.selector);
    results.AddParameter("workload", par.workload);
    results.AddParameter("computeMean_ms", std::to_string(par.computeMean));
    results.AddParameter("rounds", std::to_string(par.rounds));
    results.AddParameter("ratePolicy", par.ratePolicy);
    results.AddParameter("RngRun", std::to_string(RngSeedManager::GetRun()));
    error = results.Open();
    if (!error.empty())
    {
        std::cerr << "selmcast-bsp: " << error << std::endl;
        return 1;
    }
    results.Connect(training.GetController(), training.GetTrainers());

    Simulator::Stop(Seconds(3600)); // a guard: a healthy run stops itself after its last round
    std::unique_ptr<ShowProgress> meter;
    if (progress)
    {
        // On stderr, so that stdout keeps only the result lines.
        meter = std::make_unique<ShowProgress>(Seconds(1), std::cerr);
    }
    Simulator::Run();
    meter.reset(); // prints the elapsed wall clock
    uint32_t done = training.GetController()->GetCompletedRounds();
    Simulator::Destroy();

    std::cout << "selmcast-bsp: " << done << " of " << par.rounds << " rounds; results in "
              << results.GetCsvPath() << " and " << results.GetJsonPath() << std::endl;
    return done == par.rounds ? 0 : 1;
}
