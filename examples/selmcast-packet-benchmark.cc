/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Speed of the packet-level data path: n workers on a big switch each multicast a block to p
// receivers through SelmcastWorker (reliable, paced, real trees), and, in the same run, ns-3's
// plain UDP applications (UdpClient, PacketSink) carry the same packets over the same links and
// trees. Reports wall and simulated seconds, events per second, link packet transmissions per
// second and the peak memory of each run; each run is a forked child so its peak is its own.
//
//   ./selmcast-packet-benchmark --workers=16,32,64 --receivers=8 --blockSize=100000000
//
// The defaults run in seconds. Exits non-zero when a selmcast receiver does not end with the
// whole block or the baseline does not deliver every packet.

#include "selmcast-fork-run.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/selmcast-module.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/// What one run measured (plain data: it crosses a pipe from the child).
struct Measurement
{
    double wallSeconds{0};      //!< wall time of Simulator::Run
    double simulatedSeconds{0}; //!< simulated time at the end
    uint64_t events{0};         //!< events executed
    uint64_t transmissions{0};  //!< packets that finished transmission on any link
    long peakKiB{0};            //!< peak resident memory of the run's process
    uint64_t expected{0};       //!< deliveries (blocks or packets) that must happen
    uint64_t delivered{0};      //!< deliveries that happened
};

/// The scenario of one run.
struct Scenario
{
    uint32_t workers{16};  //!< n
    uint32_t receivers{4}; //!< p, receivers per sender
    uint64_t blockSize{0}; //!< v, bytes
    uint32_t mtu{1500};    //!< link MTU, bytes
    DataRate linkRate;     //!< every access link, both directions
    bool baseline{false};  //!< plain UDP applications instead of SelmcastWorker
};

/// Link packet transmissions, counted on every point-to-point device.
uint64_t g_transmissions = 0;

/// PhyTxEnd sink.
void
CountTransmission(Ptr<const Packet>)
{
    ++g_transmissions;
}

/// Selmcast deliveries: blocks received whole.
uint64_t g_blocks = 0;

/// When the last block was completed or the last baseline packet received.
Time g_lastDelivery;

/// BlockComplete sink.
void
CountBlock(const SelmcastBlockReport&)
{
    ++g_blocks;
    g_lastDelivery = Simulator::Now();
}

/// PacketSink Rx sink.
void
NoteReception(Ptr<const Packet>, const Address&)
{
    g_lastDelivery = Simulator::Now();
}

/// Run one scenario in this process.
Measurement
Run(const Scenario& s)
{
    const uint32_t segment = s.mtu - SelmcastWorker::GetFrameOverhead();
    const uint64_t segments = (s.blockSize + segment - 1) / segment;
    // Every receiver link carries p streams: keep them 5 % under its rate on the wire
    // (PPP 2 bytes on top of the frame overhead).
    const double wireFraction =
        double(segment) / (segment + SelmcastWorker::GetFrameOverhead() + 2);
    const DataRate rate(
        static_cast<uint64_t>(0.95 * s.linkRate.GetBitRate() * wireFraction / s.receivers));

    SelmcastTopologyHelper topo;
    topo.SetAttribute("Workers", UintegerValue(s.workers));
    topo.SetAttribute("Mtu", UintegerValue(s.mtu));
    topo.SetRates(std::vector<DataRate>(s.workers, s.linkRate),
                  std::vector<DataRate>(s.workers, s.linkRate));
    Ptr<SelmcastTopology> topology = topo.InstallBigSwitch();
    Config::ConnectWithoutContext("/NodeList/*/DeviceList/*/$ns3::PointToPointNetDevice/PhyTxEnd",
                                  MakeCallback(&CountTransmission));

    Ptr<SelmcastTreeManager> trees = CreateObject<SelmcastTreeManager>();
    trees->SetTopology(topology);
    std::vector<Ipv4Address> groups;
    std::vector<std::vector<Ipv4Address>> receivers(s.workers);
    for (uint32_t i = 0; i < s.workers; ++i)
    {
        std::vector<uint32_t> chosen;
        for (uint32_t k = 1; k <= s.receivers; ++k)
        {
            chosen.push_back((i + k) % s.workers);
            receivers[i].push_back(topology->GetWorkerAddress((i + k) % s.workers));
        }
        groups.push_back(trees->Install(i, chosen));
    }

    Measurement m;
    const uint16_t port = 5400;
    std::vector<Ptr<SelmcastWorker>> workers;
    ApplicationContainer sinks;
    if (!s.baseline)
    {
        SelmcastWorkerHelper helper;
        helper.SetAttribute("BlockSize", UintegerValue(s.blockSize));
        helper.SetAttribute("SegmentSize", UintegerValue(segment));
        helper.SetAttribute("Port", UintegerValue(port));
        ApplicationContainer apps = helper.Install(topology->GetWorkers());
        apps.Start(Seconds(0));
        for (uint32_t i = 0; i < s.workers; ++i)
        {
            Ptr<SelmcastWorker> w = DynamicCast<SelmcastWorker>(apps.Get(i));
            w->TraceConnectWithoutContext("BlockComplete", MakeCallback(&CountBlock));
            Simulator::Schedule(MilliSeconds(1),
                                &SelmcastWorker::StartBlock,
                                w,
                                1,
                                groups[i],
                                receivers[i],
                                rate);
            workers.push_back(w);
        }
        m.expected = uint64_t(s.workers) * s.receivers;
    }
    else
    {
        // The same datagrams (block payload plus the 32-byte data header) at the same pace.
        PacketSinkHelper sink("ns3::UdpSocketFactory",
                              InetSocketAddress(Ipv4Address::GetAny(), port));
        sinks = sink.Install(topology->GetWorkers());
        sinks.Start(Seconds(0));
        for (uint32_t i = 0; i < sinks.GetN(); ++i)
        {
            sinks.Get(i)->TraceConnectWithoutContext("Rx", MakeCallback(&NoteReception));
        }
        Time interval = rate.CalculateBytesTxTime(segment);
        for (uint32_t i = 0; i < s.workers; ++i)
        {
            UdpClientHelper client(groups[i], port);
            client.SetAttribute("MaxPackets", UintegerValue(segments));
            client.SetAttribute("Interval", TimeValue(interval));
            client.SetAttribute("PacketSize", UintegerValue(segment + 32));
            ApplicationContainer app = client.Install(topology->GetWorker(i));
            app.Start(MilliSeconds(1));
        }
        m.expected = uint64_t(s.workers) * s.receivers * segments * (segment + 32);
    }

    auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    auto end = std::chrono::steady_clock::now();
    m.wallSeconds = std::chrono::duration<double>(end - start).count();
    // The last delivery, not Simulator::Now(): cancelled timers still advance the clock.
    m.simulatedSeconds = g_lastDelivery.GetSeconds();
    m.events = Simulator::GetEventCount();
    m.transmissions = g_transmissions;
    if (!s.baseline)
    {
        // A block counts only when the receiver holds exactly its v bytes.
        uint64_t whole = 0;
        for (uint32_t i = 0; i < s.workers; ++i)
        {
            for (uint32_t k = 1; k <= s.receivers; ++k)
            {
                whole += workers[(i + k) % s.workers]->GetReceivedBytes(i, 1) == s.blockSize;
            }
        }
        m.delivered = std::min<uint64_t>(whole, g_blocks);
    }
    else
    {
        for (uint32_t i = 0; i < sinks.GetN(); ++i)
        {
            m.delivered += DynamicCast<PacketSink>(sinks.Get(i))->GetTotalRx();
        }
    }
    Simulator::Destroy();
    m.peakKiB = SelmcastPeakKiB();
    return m;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string workerList = "16";
    uint32_t receivers = 4;
    uint64_t blockSize = 2000000;
    uint32_t mtu = 1500;
    std::string linkRate = "10Gbps";
    bool forkRuns = true;
    uint32_t repeat = 1;

    // Every bad value gets one line naming the option and its range, and exit status 2.
    const uint32_t maxWorkers = 4096;
    SelmcastArgs args(__FILE__);
    args.AddValue("workers", "comma-separated numbers of workers n (e.g. 16,32,64)", workerList);
    args.AddUnsigned("receivers", "receivers p of every sender, < n", receivers, 1, maxWorkers - 1);
    args.AddUnsigned("blockSize",
                     "bytes v of every block",
                     blockSize,
                     1,
                     SelmcastBspParameters::MAX_BLOCK_SIZE);
    args.AddUnsigned("mtu",
                     "link MTU in bytes (1500, or 9000 for jumbo frames)",
                     mtu,
                     68, // the IPv4 minimum, as the topology requires
                     65535);
    args.AddRate("linkRate",
                 "rate of every access link direction",
                 linkRate,
                 SelmcastBspParameters::MIN_RATE_BPS,
                 SelmcastBspParameters::MAX_RATE_BPS);
    args.AddValue("fork", "run each measurement in a child process (own peak memory)", forkRuns);
    args.AddUnsigned("repeat",
                     "runs per measurement, alternating the two modes; the fastest is reported "
                     "(the machine's other load only ever slows a run down)",
                     repeat,
                     1,
                     1000);
    std::string error = args.Parse(argc, argv);
    std::vector<uint32_t> ns;
    std::stringstream list(workerList);
    for (std::string item; error.empty() && std::getline(list, item, ',');)
    {
        uint64_t value = 0;
        error = SelmcastArgs::ParseUnsigned(item, 2, maxWorkers, value);
        error = error.empty() ? error : "workers: entry " + error;
        ns.push_back(static_cast<uint32_t>(value));
    }
    if (error.empty() && ns.empty())
    {
        error = "workers: empty, allowed: a comma-separated list of numbers in [2, " +
                std::to_string(maxWorkers) + "]";
    }
    for (uint32_t n : ns)
    {
        if (error.empty() && receivers >= n)
        {
            error = "receivers: " + std::to_string(receivers) +
                    " is out of range, allowed: [1, n - 1] = [1, " + std::to_string(n - 1) +
                    "] for n = " + std::to_string(n);
        }
    }
    if (!error.empty())
    {
        args.Refuse(error);
        return 2;
    }

    std::cout << "n,p,blockSize,mtu,mode,wall_s,simulated_s,events,events_per_s,link_tx,"
                 "link_tx_per_s,peak_MiB,delivered_ok"
              << std::endl;
    bool allOk = true;
    for (uint32_t n : ns)
    {
        double packetRate[2] = {0, 0};
        Measurement best[2];
        bool ok[2] = {true, true};
        for (uint32_t r = 0; r < std::max(repeat, 1u); ++r)
        {
            for (int baseline = 0; baseline < 2; ++baseline)
            {
                Scenario s;
                s.workers = n;
                s.receivers = receivers;
                s.blockSize = blockSize;
                s.mtu = mtu;
                s.linkRate = DataRate(linkRate);
                s.baseline = baseline == 1;
                Measurement m;
                bool ran = forkRuns ? SelmcastRunForked<Measurement>([&s] { return Run(s); }, m)
                                    : (m = Run(s), true);
                ok[baseline] = ok[baseline] && ran && m.delivered == m.expected;
                if (r == 0 || m.wallSeconds < best[baseline].wallSeconds)
                {
                    best[baseline] = m;
                }
            }
        }
        for (int baseline = 0; baseline < 2; ++baseline)
        {
            const Measurement& m = best[baseline];
            allOk = allOk && ok[baseline];
            packetRate[baseline] = m.wallSeconds > 0 ? m.transmissions / m.wallSeconds : 0;
            std::cout << std::fixed << std::setprecision(3) << n << "," << receivers << ","
                      << blockSize << "," << mtu << "," << (baseline ? "udp-baseline" : "selmcast")
                      << "," << m.wallSeconds << "," << m.simulatedSeconds << "," << m.events << ","
                      << std::setprecision(0) << m.events / std::max(m.wallSeconds, 1e-9) << ","
                      << m.transmissions << "," << packetRate[baseline] << ","
                      << std::setprecision(1) << m.peakKiB / 1024.0 << ","
                      << (ok[baseline] ? "yes" : "NO") << std::endl;
        }
        std::cout << "# n=" << n
                  << ": selmcast link packet rate / plain UDP baseline = " << std::setprecision(3)
                  << (packetRate[1] > 0 ? packetRate[0] / packetRate[1] : 0) << " (target >= 0.85)"
                  << std::endl;
    }
    return allOk ? 0 : 1;
}
