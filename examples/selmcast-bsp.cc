/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Peer-to-peer BSP training at packet level over real ns-3 IP multicast (or L7 unicast): n
// workers on a big switch or a leaf-spine fabric compute, report to the controller, and
// multicast their parameter blocks to the receivers SELMCAST (or a baseline) selects, every
// round. The controller runs on its own node; every report, assignment and block crosses the
// network as packets.
//
// --gamma > 0 varies the access bandwidth during the run (spec section 7): every --deltaT each
// port's device rate becomes (1 - gamma) b_fixed + gamma b_random (SelmcastBandwidthVariation),
// and the workers report the new rates in their READYs.
//
// Output, written after every round (an interrupted run keeps its finished rounds):
//   <outDir>/selmcast-bsp-rounds.csv   one row per round (see SelmcastResults)
//   <outDir>/selmcast-bsp-summary.json NPU utilization, scale, round-time statistics, ...
//   with --pcap: <outDir>/selmcast-bsp-<role>-node<N>-dev<D>.pcap per device (--pcapWorkers=0,3:
//   only those workers' devices); decode them with utils/wireshark/selmcast.lua
//   with --timeline: <outDir>/selmcast-bsp-timeline.csv, every event of the run (SelmcastTimeline);
//   draw it with utils/selmcast-plot-timeline.py
//   with --netanim: <outDir>/selmcast-bsp-netanim.xml for NetAnim (SelmcastNetAnim)
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
    double gamma = 0;
    Time deltaT = MilliSeconds(100);

    SelmcastArgs args(__FILE__);
    SelmcastAddCommonArguments(args, par, gamma, deltaT, progress, wallClock);
    args.AddValue("delivery", "L3 (IP multicast) or L7 (unicast per receiver)", par.delivery);
    args.AddRate("bandwidth",
                 "mean egress bandwidth b (e.g. 10Gbps)",
                 par.bandwidth,
                 SelmcastBspParameters::MIN_RATE_BPS,
                 SelmcastBspParameters::MAX_RATE_BPS);
    args.AddValue("selector", "selmcast, random, broadcast or optimum", par.selector);
    args.AddUnsigned("rounds", "BSP rounds", par.rounds, 1, SelmcastBspParameters::MAX_ROUNDS);
    args.AddValue("ratePolicy", "finish-together, maxmin or deadline", par.ratePolicy);
    SelmcastRunCapture capture;
    capture.AddArguments(args);
    SelmcastDistributedOptions distributed;
    SelmcastDistributed::AddArguments(args, distributed);

    // Every check before the first file: a refused run leaves nothing behind.
    std::string error = args.Parse(argc, argv);
    SelmcastBspScenario scenario(par, gamma, deltaT);
    error = error.empty() ? scenario.Validate() : error;
    error = error.empty() ? capture.Validate(par.n) : error;
    error = error.empty() ? SelmcastDistributed::Validate(distributed) : error;
    if (!error.empty())
    {
        return args.Refuse(error);
    }
    if (!distributed.distributed)
    {
        args.WarnIgnored({"partition", "sync"}, "--distributed is not given");
    }
    // With --distributed: MPI starts here, and the partition is checked against its ranks.
    SelmcastRankPolicy ranks;
    error = SelmcastDistributed::Enable(distributed, &argc, &argv, ranks);
    scenario.SetRankPolicy(ranks);
    error = error.empty() ? scenario.Validate() : error;
    if (!error.empty())
    {
        SelmcastDistributed::Disable();
        return args.Refuse(error);
    }
    SelmcastWarnIgnored(args, par, gamma);
    // The same streams as before the scenario helper existed: gamma = 0 gives the same run.
    scenario.Build();
    // Printed with the result line: a failed run prints nothing on stdout.
    const std::string fabric = SelmcastDescribeTopology(par, scenario.GetTopology());
    SelmcastCrossRankCounter crossRank;
    if (distributed.distributed)
    {
        crossRank.Install(scenario.GetTopology());
    }
    if (!SelmcastRankPolicy::IsLocal(scenario.GetTopology()->GetController()))
    {
        // Another rank simulates the controller and writes the results: run the nodes here,
        // then add this rank's trainers to the compute time the results count.
        scenario.Run(progress);
        SelmcastDistributed::ComputeOverRanks(scenario.GetTraining().GetTrainers());
        crossRank.SumOverRanks();
        SelmcastDistributed::Disable();
        return 0;
    }

    SelmcastResults results(par.outDir, "selmcast-bsp", wallClock);
    SelmcastAddBspParameters(results, par, par.selector, gamma, deltaT);
    error = results.Open();
    if (!error.empty())
    {
        std::cerr << "selmcast-bsp: " << error << std::endl;
        return 1;
    }
    results.Connect(scenario.GetTraining().GetController(), scenario.GetTraining().GetTrainers());
    error = capture.Attach(scenario.GetTopology(),
                           scenario.GetTraining(),
                           par.outDir + "/selmcast-bsp");
    if (!error.empty())
    {
        std::cerr << "selmcast-bsp: " << error << std::endl;
        return 1;
    }

    // Stops itself after its last round (guard: one simulated hour); destroys the simulator.
    SelmcastBspSummary summary = scenario.Run(progress);
    SelmcastCrossRankCounter::Totals crossRankTotals;
    if (distributed.distributed)
    {
        results.SetComputeOverRanks(
            SelmcastDistributed::ComputeOverRanks(scenario.GetTraining().GetTrainers()));
        crossRankTotals = crossRank.SumOverRanks();
    }
    SelmcastDistributed::Disable();
    if (!summary.Failure(par.rounds).empty())
    {
        // The finished rounds stay in the files; no result line for an incomplete run.
        std::cerr << "selmcast-bsp: error: " << summary.Failure(par.rounds) << std::endl;
        return 1;
    }
    std::cout << "selmcast-bsp: " << fabric << std::endl;
    std::cout << "selmcast-bsp: " << summary.rounds << " of " << par.rounds
              << " rounds; results in " << results.GetCsvPath() << " and " << results.GetJsonPath()
              << std::endl;
    if (distributed.distributed)
    {
        std::cout << "selmcast-bsp: " << SelmcastCrossRankCounter::Describe(crossRankTotals)
                  << std::endl;
    }
    if (par.background > 0)
    {
        std::cout << "selmcast-bsp: " << SelmcastDescribeBackground(summary.background)
                  << std::endl;
        error = SelmcastWriteBackground(par.outDir + "/selmcast-bsp-background.csv",
                                        summary.background);
        if (!error.empty())
        {
            std::cerr << "selmcast-bsp: " << error << std::endl;
            return 1;
        }
    }
    return 0;
}
