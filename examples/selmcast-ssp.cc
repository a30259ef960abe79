/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Peer-to-peer SSP (stale synchronous parallel) training at packet level over real ns-3 IP
// multicast (or L7 unicast): every worker computes at its own pace and multicasts its block as
// soon as it is ready; the controller selects the receivers each time (SELMCAST Algorithm 2 or a
// baseline), may drop receivers of transfers in flight, re-shares the bandwidth, and holds a
// worker back when it is more than ssp rounds ahead of the slowest.
//
// --gamma > 0 varies the access bandwidth during the run (spec section 7): every --deltaT each
// port's device rate becomes (1 - gamma) b_fixed + gamma b_random (SelmcastBandwidthVariation),
// and the workers report the new rates in their READYs.
//
// Output, written after every multicast (an interrupted run keeps what finished):
//   <outDir>/selmcast-ssp-multicasts.csv  one row per multicast (see SelmcastSspResults)
//   <outDir>/selmcast-ssp-summary.json    NPU utilization, scale, sync-time statistics, ...
//   with --pcap: <outDir>/selmcast-ssp-<role>-node<N>-dev<D>.pcap per device (--pcapWorkers=0,3:
//   only those workers' devices); decode them with utils/wireshark/selmcast.lua
//   with --timeline: <outDir>/selmcast-ssp-timeline.csv, every event of the run (SelmcastTimeline);
//   draw it with utils/selmcast-plot-timeline.py
//   with --netanim: <outDir>/selmcast-ssp-netanim.xml for NetAnim (SelmcastNetAnim)
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
#include <memory>
#include <sstream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    SelmcastSspParameters par;
    bool wallClock = true;
    bool progress = false;
    double gamma = 0;
    Time deltaT = MilliSeconds(100);

    SelmcastArgs args(__FILE__);
    SelmcastAddCommonArguments(args, par, gamma, deltaT, progress, wallClock);
    args.AddSigned("ssp",
                   "staleness threshold: at most ssp rounds ahead of the slowest",
                   par.ssp,
                   0,
                   SelmcastSspParameters::MAX_SSP);
    args.AddReal("eta",
                 "a receiver holding more than (1 - eta) of a block stays selected",
                 par.eta,
                 {0, 1});
    args.AddValue("tauOrder", "task order by tau: non-decreasing or non-increasing", par.tauOrder);
    args.AddValue("paretoLoad", "Pareto step load: new or old (as printed)", par.paretoLoad);
    args.AddValue("delivery",
                  "L3 (IP multicast, default) or L7 (unicast per receiver)",
                  par.delivery);
    args.AddRate("bandwidth",
                 "mean egress bandwidth b (e.g. 10Gbps)",
                 par.bandwidth,
                 SelmcastBspParameters::MIN_RATE_BPS,
                 SelmcastBspParameters::MAX_RATE_BPS);
    args.AddValue("selector",
                  "selmcast, selmcast-fabric (topology-aware), random or broadcast",
                  par.selector);
    args.AddUnsigned("rounds",
                     "run until every worker completed this many rounds",
                     par.rounds,
                     1,
                     SelmcastBspParameters::MAX_ROUNDS);
    args.AddReal("duration",
                 "simulated seconds to run; 0: use rounds",
                 par.duration,
                 {0, SelmcastSspParameters::MAX_DURATION});
    args.AddValue("ratePolicy", "maxmin or deadline", par.ratePolicy);
    SelmcastRunCapture capture;
    capture.AddArguments(args);
    SelmcastDistributedOptions distributed;
    SelmcastDistributed::AddArguments(args, distributed);

    // Every check before the first file: a refused run leaves nothing behind.
    std::string error = args.Parse(argc, argv);
    error = error.empty() ? par.Validate() : error;
    error = error.empty() ? SelmcastValidateVariation(par, gamma, deltaT) : error;
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
    SelmcastWarnIgnored(args, par, gamma);
    if (par.duration > 0)
    {
        args.WarnIgnored({"rounds"}, "duration is given");
    }

    SelmcastTopologyHelper topo;
    const SelmcastTopology::Kind kind = SelmcastConfigureTopology(topo, par);
    topo.SetRankPolicy(ranks);
    topo.AssignStreams(1);
    error = error.empty() ? topo.Validate(kind) : error;
    if (!error.empty())
    {
        SelmcastDistributed::Disable();
        return args.Refuse(error);
    }
    Ptr<SelmcastTopology> topology = topo.Install();
    // Printed with the result line: a failed run prints nothing on stdout.
    const std::string fabric = SelmcastDescribeTopology(par, topology);

    SelmcastTrainingHelper training;
    SelmcastConfigureSspTraining(training, par);
    training.Install(topology);
    training.AssignStreams(100);
    // As SelmcastBspScenario: selmcast-fabric and the rates see the links the trees really use.
    SelmcastPlanOnFabric(training.GetController());
    // Stream 2, as in the BSP examples (SelmcastBspScenario); gamma = 0 adds no event.
    Ptr<SelmcastBandwidthVariation> variation =
        SelmcastCreateVariation(topology, par, gamma, deltaT, 2);
    // Stream 3, as in SelmcastBspScenario; background = 0 installs nothing.
    Ptr<SelmcastBackgroundTraffic> background = SelmcastCreateBackground(topology, par, 3);

    SelmcastCrossRankCounter crossRank;
    if (distributed.distributed)
    {
        crossRank.Install(topology);
    }
    if (!SelmcastRankPolicy::IsLocal(topology->GetController()))
    {
        // Another rank simulates the controller and writes the results: run the nodes here.
        Simulator::Stop(Seconds(par.duration > 0 ? par.duration + 1 : 3600));
        Simulator::Run();
        Simulator::Destroy();
        SelmcastDistributed::ComputeOverRanks(training.GetTrainers());
        crossRank.SumOverRanks();
        SelmcastDistributed::Disable();
        return 0;
    }

    SelmcastSspResults results(par.outDir, "selmcast-ssp", wallClock);
    auto text = [](double x) {
        std::ostringstream os;
        os << x;
        return os.str();
    };
    results.AddParameter("topology", par.topology);
    for (const auto& [name, value] : SelmcastFabricParameters(par))
    {
        results.AddParameter(name, value);
    }
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
    results.AddParameter("mtu", std::to_string(par.mtu));
    results.AddParameter("bandwidth", par.bandwidth);
    results.AddParameter("lambda", text(par.lambda));
    results.AddParameter("mu", text(par.mu));
    results.AddParameter("gamma", text(gamma));
    results.AddParameter("deltaT_ms", text(deltaT.GetSeconds() * 1e3));
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
    error = capture.Attach(topology, training, par.outDir + "/selmcast-ssp");
    if (!error.empty())
    {
        std::cerr << "selmcast-ssp: " << error << std::endl;
        return 1;
    }

    // A guard: a healthy run stops itself (after Duration, or once every worker did its rounds).
    const Time guard = Seconds(par.duration > 0 ? par.duration + 1 : 3600);
    Simulator::Stop(guard);
    if (gamma > 0)
    {
        variation->Start(); // the first change at time 0, then one every deltaT
    }
    std::unique_ptr<ShowProgress> meter;
    if (progress)
    {
        // On stderr, so that stdout keeps only the result line.
        meter = std::make_unique<ShowProgress>(Seconds(1), std::cerr);
    }
    Simulator::Run();
    meter.reset(); // prints the elapsed wall clock; before Destroy drops its pending event
    variation->Stop();
    results.Finalize();
    SelmcastCrossRankCounter::Totals crossRankTotals;
    if (distributed.distributed)
    {
        // Every rank's trainers, not only this rank's (Finalize's time: the common stop time).
        results.SetComputeOverRanks(SelmcastDistributed::ComputeOverRanks(training.GetTrainers()));
        crossRankTotals = crossRank.SumOverRanks();
    }
    bool finished = training.GetController()->IsFinished();
    uint32_t excluded = 0;
    for (uint32_t id = 0; id < par.n; ++id)
    {
        excluded += training.GetController()->IsActive(id) ? 0 : 1;
    }
    const bool guardReached = Simulator::Now() >= guard;
    const std::vector<SelmcastBackgroundFlow> flows = background->Report();
    Simulator::Destroy();
    SelmcastDistributed::Disable();
    if (!finished || results.GetMulticasts() == 0)
    {
        // What finished stays in the files; no result line for an incomplete run.
        std::cerr << "selmcast-ssp: error: the run did not finish (" << results.GetMulticasts()
                  << " multicasts)";
        if (guardReached)
        {
            std::cerr << ": the simulated-time guard of " << guard.GetSeconds() << " s was reached";
        }
        if (excluded > 0)
        {
            std::cerr << (guardReached ? "; " : ": ") << excluded
                      << " workers were excluded after WorkerTimeout without a message";
        }
        std::cerr << std::endl;
        return 1;
    }

    std::cout << "selmcast-ssp: " << fabric << std::endl;
    std::cout << "selmcast-ssp: " << results.GetMulticasts() << " multicasts, NPU utilization "
              << results.GetUtilization() << ", mean scale " << results.GetMeanScale()
              << "; results in " << results.GetCsvPath() << " and " << results.GetJsonPath()
              << std::endl;
    if (distributed.distributed)
    {
        std::cout << "selmcast-ssp: " << SelmcastCrossRankCounter::Describe(crossRankTotals)
                  << std::endl;
    }
    if (par.background > 0)
    {
        std::cout << "selmcast-ssp: " << SelmcastDescribeBackground(flows) << std::endl;
        error = SelmcastWriteBackground(par.outDir + "/selmcast-ssp-background.csv", flows);
        if (!error.empty())
        {
            std::cerr << "selmcast-ssp: " << error << std::endl;
            return 1;
        }
    }
    return 0;
}
