/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Loss recovery at packet level: n workers on a big switch each multicast a block to p receivers
// (the next p workers), all at once, every receiver link loaded to 95 % of its rate by p
// streams. The receivers' links (switch to host) lose packets at random (RateErrorModel) or in
// bursts (SelmcastBurstErrorModel); the round (start to the last BlockComplete) is compared with
// the same round without loss. One line per run, then the median over the runs. Repairs are
// parity segments of FEC groups (--repair=parity, --fecGroup=k) or the lost segments sent again
// (--repair=source).
//
//   ./selmcast-loss-benchmark --workers=16 --receivers=3 --loss=0.05 --runs=5
//   ./selmcast-loss-benchmark --lossModel=burst --loss=0.02 --meanBurst=10
//   ./selmcast-loss-benchmark --repair=source --loss=0.2
//
// Exits non-zero when a selected receiver does not complete its block exactly once with exactly
// v bytes, or when a receiver is given up.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/selmcast-module.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

namespace
{

/// The scenario of one run.
struct LossScenario
{
    uint32_t workers{16};  //!< n
    uint32_t receivers{3}; //!< p
    uint64_t blockSize{0}; //!< v, bytes
    DataRate linkRate;     //!< every access link, both directions
    double loss{0};        //!< share of packets lost on the receivers' links
    bool burst{false};     //!< bursty rather than independent losses
    double meanBurst{10};  //!< mean burst length, packets
    uint64_t run{1};       //!< RngRun of the loss
    bool parity{true};     //!< parity (FEC) repairs rather than source segments sent again
    uint32_t fecGroup{64}; //!< source segments per FEC group
};

/// What one run measured.
struct LossResult
{
    double roundMs{0};       //!< start to the last BlockComplete
    uint64_t completions{0}; //!< BlockComplete events
    bool exactlyOnce{true};  //!< each selected pair completed once, with v bytes
    uint64_t failed{0};      //!< receivers given up
    uint64_t repairBytes{0}; //!< repair payload bytes sent
    uint64_t parity{0};      //!< parity segments sent
    uint64_t duplicates{0};  //!< duplicate bytes received
    uint64_t nacks{0};       //!< NACKs sent
    uint64_t polls{0};       //!< polls sent
    double dropShare{0};     //!< share of packets the error models dropped
};

/// BlockComplete counts by (receiver, sender), and the time of the last.
std::map<std::pair<uint32_t, uint32_t>, uint32_t> g_completions;
Time g_last;

/// BlockComplete sink.
void
OnBlock(const SelmcastBlockReport& report)
{
    ++g_completions[{report.receiver, report.sender}];
    g_last = Simulator::Now();
}

/// Lossy devices: packets seen and dropped.
uint64_t g_seen = 0;
uint64_t g_dropped = 0;

/// PhyRxDrop sink (the error model's drops).
void
OnDrop(Ptr<const Packet>)
{
    ++g_dropped;
}

/// MacRx sink (packets that passed the error model).
void
OnPass(Ptr<const Packet>)
{
    ++g_seen;
}

/**
 * Put the scenario's error model on the receiving end of a worker's link.
 * \param device the host's device
 * \param s the scenario
 * \param stream the model's random stream
 */
void
SetReceiverLoss(Ptr<PointToPointNetDevice> device, const LossScenario& s, int64_t stream)
{
    Ptr<ErrorModel> model;
    if (s.burst)
    {
        Ptr<SelmcastBurstErrorModel> em = CreateObject<SelmcastBurstErrorModel>();
        em->SetAttribute("LossRate", DoubleValue(s.loss));
        em->SetAttribute("MeanBurst", DoubleValue(s.meanBurst));
        // A burst is MeanBurst frame times of the link, not MeanBurst packets however sparse.
        em->SetAttribute("SlotTime", TimeValue(s.linkRate.CalculateBytesTxTime(1502)));
        em->AssignStreams(stream);
        model = em;
    }
    else
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorUnit", EnumValue(RateErrorModel::ERROR_UNIT_PACKET));
        em->SetAttribute("ErrorRate", DoubleValue(s.loss));
        em->AssignStreams(stream);
        model = em;
    }
    device->SetAttribute("ReceiveErrorModel", PointerValue(model));
    device->TraceConnectWithoutContext("PhyRxDrop", MakeCallback(&OnDrop));
    device->TraceConnectWithoutContext("MacRx", MakeCallback(&OnPass));
}

/// Run one scenario.
LossResult
Run(const LossScenario& s)
{
    g_completions.clear();
    g_last = Time(0);
    g_seen = 0;
    g_dropped = 0;
    RngSeedManager::SetRun(s.run);
    const uint32_t segment = 1500 - SelmcastWorker::GetFrameOverhead();
    // p streams share each receiver link, 95 % of its 1502-byte PPP frames: block bytes of each
    // stream per second = 0.95 x frames per second / p x segment.
    const double frames = s.linkRate.GetBitRate() / (8.0 * 1502);
    const DataRate rate(static_cast<uint64_t>(0.95 * frames / s.receivers * segment * 8));

    SelmcastTopologyHelper topo;
    topo.SetAttribute("Workers", UintegerValue(s.workers));
    topo.SetRates(std::vector<DataRate>(s.workers, s.linkRate),
                  std::vector<DataRate>(s.workers, s.linkRate));
    Ptr<SelmcastTopology> topology = topo.InstallBigSwitch();
    Ptr<SelmcastTreeManager> trees = CreateObject<SelmcastTreeManager>();
    trees->SetTopology(topology);

    SelmcastWorkerHelper helper;
    helper.SetAttribute("BlockSize", UintegerValue(s.blockSize));
    helper.SetAttribute("SegmentSize", UintegerValue(segment));
    helper.SetAttribute(
        "RepairKind",
        EnumValue(s.parity ? SelmcastWorker::REPAIR_PARITY : SelmcastWorker::REPAIR_SOURCE));
    helper.SetAttribute("FecGroupSize", UintegerValue(s.fecGroup));
    ApplicationContainer apps = helper.Install(topology->GetWorkers());
    apps.Start(Seconds(0));
    const Time start = MilliSeconds(1);
    std::vector<Ptr<SelmcastWorker>> workers;
    for (uint32_t i = 0; i < s.workers; ++i)
    {
        std::vector<uint32_t> chosen;
        std::vector<Ipv4Address> addresses;
        for (uint32_t k = 1; k <= s.receivers; ++k)
        {
            chosen.push_back((i + k) % s.workers);
            addresses.push_back(topology->GetWorkerAddress((i + k) % s.workers));
        }
        Ptr<SelmcastWorker> w = DynamicCast<SelmcastWorker>(apps.Get(i));
        w->TraceConnectWithoutContext("BlockComplete", MakeCallback(&OnBlock));
        Simulator::Schedule(start,
                            &SelmcastWorker::StartBlock,
                            w,
                            1,
                            trees->Install(i, chosen),
                            addresses,
                            rate);
        workers.push_back(w);
        if (s.loss > 0)
        {
            SetReceiverLoss(topology->GetWorkerLink(i).hostDevice, s, 1000 + i);
        }
    }
    Simulator::Stop(Seconds(100));
    Simulator::Run();

    LossResult r;
    r.roundMs = (g_last - start).GetSeconds() * 1e3;
    for (uint32_t i = 0; i < s.workers; ++i)
    {
        const SelmcastWorkerCounters& c = workers[i]->GetCounters();
        r.failed += c.receiversFailed;
        r.repairBytes += c.repairBytesSent;
        r.parity += c.paritySent;
        r.duplicates += c.duplicateBytes;
        r.nacks += c.nacksSent;
        r.polls += c.pollsSent;
        for (uint32_t k = 1; k <= s.receivers; ++k)
        {
            uint32_t receiver = (i + k) % s.workers;
            auto it = g_completions.find({receiver, i});
            r.exactlyOnce = r.exactlyOnce && it != g_completions.end() && it->second == 1 &&
                            workers[receiver]->GetReceivedBytes(i, 1) == s.blockSize;
        }
    }
    for (const auto& entry : g_completions)
    {
        r.completions += entry.second;
    }
    r.exactlyOnce = r.exactlyOnce && r.completions == uint64_t(s.workers) * s.receivers;
    r.dropShare = g_seen + g_dropped > 0 ? double(g_dropped) / (g_seen + g_dropped) : 0;
    Simulator::Destroy();
    return r;
}

/// Median of a non-empty list.
double
Median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    size_t m = values.size() / 2;
    return values.size() % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
}

} // namespace

int
main(int argc, char* argv[])
{
    LossScenario s;
    s.blockSize = 1000000;
    uint32_t runs = 5;
    std::string linkRate = "10Gbps";
    std::string lossModel = "random";
    std::string repair = "parity";
    s.loss = 0.05;

    SelmcastArgs args(__FILE__);
    args.AddUnsigned("workers", "number of workers n", s.workers, 2, 4096);
    args.AddUnsigned("receivers", "receivers p of every sender, < n", s.receivers, 1, 4095);
    args.AddUnsigned("blockSize",
                     "bytes v of every block",
                     s.blockSize,
                     1,
                     SelmcastBspParameters::MAX_BLOCK_SIZE);
    args.AddRate("linkRate",
                 "rate of every access link direction",
                 linkRate,
                 SelmcastBspParameters::MIN_RATE_BPS,
                 SelmcastBspParameters::MAX_RATE_BPS);
    args.AddReal("loss",
                 "share of packets lost on each receiver's link",
                 s.loss,
                 SelmcastInterval{0, 0.5, false, false});
    args.AddValue("lossModel", "random (independent losses) or burst (Gilbert-Elliott)", lossModel);
    args.AddReal("meanBurst",
                 "mean burst length in packets (lossModel=burst)",
                 s.meanBurst,
                 SelmcastInterval{1, 1000, false, false});
    args.AddUnsigned("runs", "lossy runs, RngRun 1 .. runs", runs, 1, 1000);
    args.AddValue("repair",
                  "parity (FEC group parity segments) or source (segments again)",
                  repair);
    args.AddUnsigned("fecGroup",
                     "source segments per FEC group (repair=parity)",
                     s.fecGroup,
                     1,
                     SelmcastFecGroups::MAX_GROUP_SIZE);
    std::string error = args.Parse(argc, argv);
    if (error.empty() && lossModel != "random" && lossModel != "burst")
    {
        error = "lossModel: '" + lossModel + "' is not allowed, allowed: random, burst";
    }
    if (error.empty() && repair != "parity" && repair != "source")
    {
        error = "repair: '" + repair + "' is not allowed, allowed: parity, source";
    }
    if (error.empty() && s.receivers >= s.workers)
    {
        error = "receivers: " + std::to_string(s.receivers) +
                " is out of range, allowed: [1, n - 1] = [1, " + std::to_string(s.workers - 1) +
                "]";
    }
    if (!error.empty())
    {
        return args.Refuse(error);
    }
    if (lossModel != "burst" && args.IsGiven("meanBurst"))
    {
        args.WarnIgnored({"meanBurst"}, "lossModel is random");
    }
    if (repair != "parity" && args.IsGiven("fecGroup"))
    {
        args.WarnIgnored({"fecGroup"}, "repair is source");
    }
    s.parity = repair == "parity";
    s.linkRate = DataRate(linkRate);
    s.burst = lossModel == "burst";

    LossScenario clean = s;
    clean.loss = 0;
    LossResult base = Run(clean);
    bool ok = base.exactlyOnce && base.failed == 0;
    std::cout << "n,p,blockSize,lossModel,loss,repair,fec_group,run,round_ms,lossless_ms,ratio,"
                 "drop_share,repair_pct,parity_segments,duplicate_pct,nacks,polls,failed,"
                 "exactly_once"
              << std::endl;
    std::vector<double> ratios;
    for (uint32_t run = 1; run <= runs; ++run)
    {
        s.run = run;
        LossResult r = Run(s);
        ok = ok && r.exactlyOnce && r.failed == 0;
        double ratio = r.roundMs / base.roundMs;
        ratios.push_back(ratio);
        double delivered = double(s.blockSize) * s.workers * s.receivers;
        std::cout << std::fixed << std::setprecision(4) << s.workers << "," << s.receivers << ","
                  << s.blockSize << "," << lossModel << "," << s.loss << "," << repair << ","
                  << (s.parity ? s.fecGroup : 0) << "," << run << "," << r.roundMs << ","
                  << base.roundMs << "," << ratio << "," << r.dropShare << ","
                  << 100.0 * r.repairBytes / (double(s.blockSize) * s.workers) << "," << r.parity
                  << "," << 100.0 * r.duplicates / delivered << "," << r.nacks << "," << r.polls
                  << "," << r.failed << "," << (r.exactlyOnce ? "yes" : "NO") << std::endl;
    }
    std::cout << "# median ratio " << std::setprecision(3) << Median(ratios) << " over " << runs
              << " runs (round with loss / round without; lossless " << base.roundMs << " ms)"
              << std::endl;
    if (!ok)
    {
        std::cerr << args.GetProgram()
                  << ": error: a receiver was given up or did not complete exactly once"
                  << std::endl;
    }
    return ok ? 0 : 1;
}
