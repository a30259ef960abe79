/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// How the cost of a packet grows with the fabric: microseconds of CPU time per link
// transmission (CPU rather than wall time, so that other load on the machine stretches it less)
// (PhyTxEnd on every point-to-point device), events per second and peak memory, against n, for
//   l3, l7            selmcast BSP training (SELMCAST, big switch), one round of large blocks;
//   l3-shrink, ...    the same over 3 rounds with blocks of shrinkBytes / n, so that the work
//                     per round (controller, selection, trees) shows against the packets;
//   udp-unicast       plain ns-3: UdpClient to p receivers each, over a star built with ns-3's
//                     own helpers and global routing;
//   udp-multicast     plain ns-3: UdpClient to a group per sender, static multicast routes;
//   leafspine-l3, ... selmcast BSP on a leaf-spine fabric (only for the n in --leafSpineN);
//   <mode>@ns3        a selmcast mode forwarded by ns-3's static and global routing instead of
//                     SelmcastRouting and without SelmcastDeviceDemux (the data path before
//                     both), for a paired before and after;
//   <mode>@nodemux    a selmcast mode without SelmcastDeviceDemux (ns-3's per-device receive
//                     handlers, scanned for every packet a node receives).
// Every mode runs at every n, in a forked child (its own peak memory), repeated --repeat times
// with the modes in a rotating order, so that the machine's other load falls on all of them
// alike; the table gives medians and, per repetition, the ratio to udp-multicast (paired).
//
//   ./selmcast-scaling-benchmark --n=16,32,64,128,256,512 --repeat=3 --outDir=out/scaling
//
// The defaults run in well under a minute. Exits non-zero when a run fails or does not deliver.

#include "selmcast-fork-run.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/selmcast-module.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/stat.h>

using namespace ns3;

namespace
{

/// What one run measured (plain data: it crosses a pipe from the child).
struct Measurement
{
    double wallSeconds{0};      //!< wall time of Simulator::Run
    double cpuSeconds{0};       //!< CPU time of this process during the run
    double simulatedSeconds{0}; //!< simulated time of the run
    uint64_t events{0};         //!< events executed
    uint64_t transmissions{0};  //!< PhyTxEnd on every point-to-point device
    long peakKiB{0};            //!< peak resident memory of the child
    bool delivered{false};      //!< the run delivered everything it had to
};

/// The parameters shared by every mode.
struct Setting
{
    uint32_t p{8};                   //!< receivers per sender
    uint64_t largeBlock{4000000};    //!< bytes per block, large-block modes
    uint64_t shrinkBytes{64000000};  //!< n x block in the shrinking modes
    uint32_t shrinkRounds{3};        //!< rounds of the shrinking modes
    uint32_t mtu{9000};              //!< link MTU
    std::string bandwidth{"10Gbps"}; //!< every access link (selmcast: the mean, lambda 0.25)
    uint32_t hostsPerLeaf{16};       //!< leaf-spine: workers per leaf
    uint32_t spines{4};              //!< leaf-spine: spines
};

/// CPU time of this process so far, seconds: unlike wall time, not stretched by other load.
double
CpuSeconds()
{
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/// PhyTxEnd count of the current run.
uint64_t g_transmissions = 0;

/// PhyTxEnd sink.
void
CountTransmission(Ptr<const Packet>)
{
    ++g_transmissions;
}

/// Count every link transmission from now on.
void
ConnectTransmissions()
{
    g_transmissions = 0;
    Config::ConnectWithoutContext("/NodeList/*/DeviceList/*/$ns3::PointToPointNetDevice/PhyTxEnd",
                                  MakeCallback(&CountTransmission));
}

/**
 * One selmcast BSP run.
 * \param n workers
 * \param s the setting
 * \param delivery L3 or L7
 * \param shrink blocks of shrinkBytes / n over shrinkRounds rounds instead of one large round
 * \param leafSpine leaf-spine instead of the big switch
 * \return the measurement
 */
Measurement
RunSelmcast(uint32_t n, const Setting& s, const std::string& delivery, bool shrink, bool leafSpine)
{
    SelmcastBspParameters par;
    par.n = n;
    par.p = s.p;
    par.delivery = delivery;
    par.mtu = s.mtu;
    par.segmentSize = s.mtu - SelmcastWorker::GetFrameOverhead();
    par.bandwidth = s.bandwidth;
    par.blockSize = shrink ? std::max<uint64_t>(1, s.shrinkBytes / n) : s.largeBlock;
    par.rounds = shrink ? s.shrinkRounds : 1;
    if (leafSpine)
    {
        par.topology = "leafspine";
        par.hostsPerLeaf = s.hostsPerLeaf;
        par.spines = s.spines;
    }
    Measurement m;
    SelmcastBspScenario scenario(par);
    if (!scenario.Validate().empty())
    {
        std::cerr << "selmcast-scaling-benchmark: " << scenario.Validate() << std::endl;
        return m;
    }
    scenario.Build();
    ConnectTransmissions();
    double cpu = CpuSeconds();
    SelmcastBspSummary summary = scenario.Run();
    m.cpuSeconds = CpuSeconds() - cpu;
    m.wallSeconds = summary.wallSeconds;
    m.simulatedSeconds = summary.simulatedSeconds;
    m.events = summary.events;
    m.transmissions = g_transmissions;
    m.delivered = summary.rounds == par.rounds;
    m.peakKiB = SelmcastPeakKiB();
    return m;
}

/**
 * Plain ns-3 over a star of n hosts on one router, built with ns-3's own helpers (the queue
 * disc Ipv4AddressHelper installs is removed: the module's links have none either).
 * \param n hosts
 * \param s the setting
 * \param multicast one group per sender with static multicast routes, else p unicast flows
 * \return the measurement
 */
Measurement
RunPlain(uint32_t n, const Setting& s, bool multicast)
{
    NodeContainer hosts;
    hosts.Create(n);
    Ptr<Node> router = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(hosts);
    stack.Install(router);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(s.bandwidth));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(s.mtu));
    p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
    Ipv4AddressHelper address("10.0.0.0", "255.255.255.252");
    std::vector<Ipv4Address> hostAddress(n);
    std::vector<Ptr<NetDevice>> routerDevice(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        NetDeviceContainer link = p2p.Install(hosts.Get(i), router);
        Ipv4InterfaceContainer ifs = address.Assign(link);
        TrafficControlHelper().Uninstall(link);
        address.NewNetwork();
        hostAddress[i] = ifs.GetAddress(0);
        routerDevice[i] = link.Get(1);
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    const uint32_t segment = s.mtu - SelmcastWorker::GetFrameOverhead();
    const uint64_t packets = (s.largeBlock + segment - 1) / segment;
    // Every receiver link carries p flows: 95 % of its rate between them.
    const DataRate rate(static_cast<uint64_t>(0.95 * DataRate(s.bandwidth).GetBitRate() / s.p));
    const Time interval = rate.CalculateBytesTxTime(segment + SelmcastWorker::GetFrameOverhead());
    const uint16_t port = 5400;
    PacketSinkHelper sink("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinks = sink.Install(hosts);
    Ipv4StaticRoutingHelper staticRouting;
    for (uint32_t i = 0; i < n; ++i)
    {
        std::vector<Ipv4Address> destinations;
        if (multicast)
        {
            Ipv4Address group(Ipv4Address("225.0.0.1").Get() + i);
            NetDeviceContainer outputs;
            for (uint32_t k = 1; k <= s.p; ++k)
            {
                outputs.Add(routerDevice[(i + k) % n]);
            }
            staticRouting.AddMulticastRoute(router,
                                            hostAddress[i],
                                            group,
                                            routerDevice[i],
                                            outputs);
            staticRouting.GetStaticRouting(hosts.Get(i)->GetObject<Ipv4>())
                ->AddHostRouteTo(group, 1);
            destinations.push_back(group);
        }
        else
        {
            for (uint32_t k = 1; k <= s.p; ++k)
            {
                destinations.push_back(hostAddress[(i + k) % n]);
            }
        }
        for (Ipv4Address destination : destinations)
        {
            UdpClientHelper client(destination, port);
            client.SetAttribute("MaxPackets", UintegerValue(packets));
            client.SetAttribute("Interval", TimeValue(interval));
            client.SetAttribute("PacketSize", UintegerValue(segment + 32));
            client.Install(hosts.Get(i)).Start(MilliSeconds(1));
        }
    }
    ConnectTransmissions();
    auto start = std::chrono::steady_clock::now();
    double cpu = CpuSeconds();
    Simulator::Run();
    Measurement m;
    m.cpuSeconds = CpuSeconds() - cpu;
    m.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.simulatedSeconds = Simulator::Now().GetSeconds();
    m.events = Simulator::GetEventCount();
    m.transmissions = g_transmissions;
    uint64_t received = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        received += DynamicCast<PacketSink>(sinks.Get(i))->GetTotalRx();
    }
    m.delivered = received == uint64_t(n) * s.p * packets * (segment + 32);
    Simulator::Destroy();
    m.peakKiB = SelmcastPeakKiB();
    return m;
}

/**
 * \param mode a mode name
 * \param n workers
 * \param s the setting
 * \return the measurement of one run of mode at n
 */
Measurement
RunMode(const std::string& mode, uint32_t n, const Setting& s)
{
    if (mode == "udp-unicast" || mode == "udp-multicast")
    {
        return RunPlain(n, s, mode == "udp-multicast");
    }
    // "@ns3": the same run forwarded by ns-3's own static and global routing and receive
    // handlers; "@nodemux": only the handlers (in this child).
    const size_t at = mode.find('@');
    const std::string suffix = at == std::string::npos ? "" : mode.substr(at);
    Config::SetDefault("ns3::SelmcastTopologyHelper::Routing",
                       StringValue(suffix == "@ns3" ? "Ns3" : "Selmcast"));
    Config::SetDefault("ns3::SelmcastDeviceDemux::Enabled", BooleanValue(suffix.empty()));
    const std::string base = mode.substr(0, at);
    const bool leafSpine = base.rfind("leafspine-", 0) == 0;
    const std::string rest = leafSpine ? base.substr(10) : base;
    const bool shrink = rest.size() > 2 && rest.substr(2) == "-shrink";
    return RunSelmcast(n, s, rest.substr(0, 2) == "l3" ? "L3" : "L7", shrink, leafSpine);
}

/// Every mode this benchmark knows.
const std::vector<std::string> ALL_MODES = {"l3",
                                            "l7",
                                            "l3-shrink",
                                            "l7-shrink",
                                            "udp-unicast",
                                            "udp-multicast",
                                            "leafspine-l3",
                                            "leafspine-l7"};

/**
 * Parse a comma-separated list strictly.
 * \param option the option's name, for the message
 * \param text the list
 * \param check returns an empty string for a good item, else what is allowed
 * \param[out] items the items
 * \return an empty string, or the one-line message
 */
std::string
ParseList(const std::string& option,
          const std::string& text,
          const std::function<std::string(const std::string&)>& check,
          std::vector<std::string>& items)
{
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');)
    {
        std::string allowed = check(item);
        if (!allowed.empty())
        {
            return "--" + option + ": '" + item + "' is not allowed: " + allowed;
        }
        items.push_back(item);
    }
    // An empty list: say what an item may be.
    return items.empty() ? "--" + option + ": no value given; " + check("") : "";
}

/**
 * \param item text
 * \param low smallest value
 * \param high largest value
 * \return an empty string when item is an integer in [low, high], else the allowed range
 */
std::string
CheckInteger(const std::string& item, uint64_t low, uint64_t high)
{
    uint64_t value = 0;
    return SelmcastArgs::ParseUnsigned(item, low, high, value);
}

/**
 * \param values samples
 * \return their median (0 when empty)
 */
double
Median(std::vector<double> values)
{
    if (values.empty())
    {
        return 0;
    }
    std::sort(values.begin(), values.end());
    size_t h = values.size() / 2;
    return values.size() % 2 ? values[h] : (values[h - 1] + values[h]) / 2;
}

/// Microseconds of CPU time per link transmission.
double
Cost(const Measurement& m)
{
    return m.transmissions ? 1e6 * m.cpuSeconds / m.transmissions : 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string nText = "16,64";
    std::string modeText = "l3,l7,udp-unicast,udp-multicast";
    std::string leafSpineText = "64,256";
    std::string outDir = "selmcast-scaling-output";
    std::string repeatText = "1";
    std::string pText = "8";
    std::string largeText = "4000000";
    std::string shrinkText = "64000000";
    std::string mtuText = "9000";
    Setting s;

    // Every option is a text parsed below: strictly, in one line per problem, before any run.
    SelmcastArgs args(__FILE__);
    auto addText = [&args](const std::string& name, const std::string& help, std::string& value) {
        args.AddText(name, help + " [default: " + value + "]", [&value](const std::string& text) {
            value = text;
            return std::string();
        });
    };
    addText("n", "comma-separated numbers of workers, each in [16, 4096]", nText);
    addText("modes",
            "comma-separated modes: l3, l7, l3-shrink, l7-shrink, udp-unicast, "
            "udp-multicast, leafspine-l3, leafspine-l7, leafspine-l3-shrink, "
            "leafspine-l7-shrink, or all; a selmcast mode with the suffix @ns3 runs with "
            "ns-3's static and global routing instead of SelmcastRouting and without "
            "SelmcastDeviceDemux, with @nodemux without SelmcastDeviceDemux only",
            modeText);
    addText("leafSpineN",
            "the n at which the leafspine modes run (multiples of 16)",
            leafSpineText);
    addText("repeat", "runs of every (mode, n), in [1, 100]", repeatText);
    addText("p", "receivers per sender, in [1, 15]", pText);
    addText("blockSize", "bytes per block of the large-block modes, in [1, 10^10]", largeText);
    addText("shrinkBytes", "n x block bytes of the shrinking modes, in [16, 10^11]", shrinkText);
    addText("mtu", "link MTU in bytes, in [1500, 65535]", mtuText);
    addText("outDir", "directory of scaling-runs.csv and scaling-summary.csv", outDir);
    std::string parseError = args.Parse(argc, argv);
    if (!parseError.empty())
    {
        std::cerr << "selmcast-scaling-benchmark: " << parseError << std::endl;
        return 2;
    }

    std::vector<std::string> nItems;
    std::vector<std::string> modes;
    std::vector<std::string> leafItems;
    std::string error = ParseList(
        "n",
        nText,
        [](const std::string& t) { return CheckInteger(t, 16, 4096); },
        nItems);
    auto knownMode = [](const std::string& t) {
        const size_t at = t.find('@');
        const std::string suffix = at == std::string::npos ? "" : t.substr(at);
        const bool ns3 = suffix == "@ns3" || suffix == "@nodemux";
        const std::string base = t.substr(0, at);
        bool known = t == "all" ||
                     std::find(ALL_MODES.begin(), ALL_MODES.end(), base) != ALL_MODES.end() ||
                     base == "leafspine-l3-shrink" || base == "leafspine-l7-shrink";
        known = known && (suffix.empty() || ns3) && !(ns3 && base.rfind("udp-", 0) == 0);
        return known ? std::string() : std::string("must be a mode named in --PrintHelp");
    };
    auto scalar =
        [&](const std::string& option, const std::string& text, uint64_t lo, uint64_t hi) {
            std::vector<std::string> item;
            std::string e = ParseList(
                option,
                text,
                [&](const std::string& t) { return CheckInteger(t, lo, hi); },
                item);
            return e.empty() && item.size() != 1
                       ? option + ": takes one value, allowed: a number in [" + std::to_string(lo) +
                             ", " + std::to_string(hi) + "]"
                       : e;
        };
    for (const std::string& e :
         {error,
          ParseList("modes", modeText, knownMode, modes),
          ParseList(
              "leafSpineN",
              leafSpineText,
              [](const std::string& t) {
                  std::string e = CheckInteger(t, 16, 4096);
                  return e.empty() && std::stoul(t) % 16 ? "must be a multiple of 16" : e;
              },
              leafItems),
          scalar("repeat", repeatText, 1, 100),
          scalar("p", pText, 1, 15),
          scalar("blockSize", largeText, 1, 10000000000ULL),
          scalar("shrinkBytes", shrinkText, 16, 100000000000ULL),
          scalar("mtu", mtuText, 1500, 65535)})
    {
        if (!e.empty())
        {
            std::cerr << "selmcast-scaling-benchmark: " << e << std::endl;
            return 2;
        }
    }
    if (std::find(modes.begin(), modes.end(), "all") != modes.end())
    {
        modes = ALL_MODES;
    }
    const uint32_t repeat = std::stoul(repeatText);
    s.p = std::stoul(pText);
    s.largeBlock = std::stoull(largeText);
    s.shrinkBytes = std::stoull(shrinkText);
    s.mtu = std::stoul(mtuText);

    // (n, mode) pairs to run: leafspine modes only at their own n.
    std::vector<uint32_t> ns;
    for (const std::string& t : nItems)
    {
        ns.push_back(std::stoul(t));
    }
    std::vector<std::pair<uint32_t, std::string>> cells;
    for (uint32_t n : ns)
    {
        for (const std::string& mode : modes)
        {
            bool leaf = mode.rfind("leafspine-", 0) == 0;
            if (!leaf ||
                std::find(leafItems.begin(), leafItems.end(), std::to_string(n)) != leafItems.end())
            {
                cells.emplace_back(n, mode);
            }
        }
    }

    mkdir(outDir.c_str(), 0755);
    std::ofstream runs(outDir + "/scaling-runs.csv");
    if (!runs)
    {
        std::cerr << "selmcast-scaling-benchmark: --outDir: cannot write in '" << outDir << "'"
                  << std::endl;
        return 2;
    }
    runs << "n,mode,repetition,wall_s,cpu_s,simulated_s,events,link_tx,us_per_tx,events_per_s,"
            "peak_MiB,delivered"
         << std::endl;

    std::map<std::pair<uint32_t, std::string>, std::vector<Measurement>> results;
    bool allOk = true;
    for (uint32_t r = 0; r < repeat; ++r)
    {
        for (uint32_t n : ns)
        {
            // Rotate the order of the modes per repetition: load drift falls on all alike.
            std::vector<std::string> order;
            for (const auto& [cn, mode] : cells)
            {
                if (cn == n)
                {
                    order.push_back(mode);
                }
            }
            if (!order.empty())
            {
                std::rotate(order.begin(), order.begin() + r % order.size(), order.end());
            }
            for (const std::string& mode : order)
            {
                Measurement m;
                bool ran = SelmcastRunForked<Measurement>([&] { return RunMode(mode, n, s); }, m);
                allOk = allOk && ran && m.delivered;
                results[{n, mode}].push_back(m);
                runs << n << "," << mode << "," << r << "," << m.wallSeconds << "," << m.cpuSeconds
                     << "," << m.simulatedSeconds << "," << m.events << "," << m.transmissions
                     << "," << Cost(m) << "," << (m.cpuSeconds > 0 ? m.events / m.cpuSeconds : 0)
                     << "," << m.peakKiB / 1024.0 << "," << (ran && m.delivered ? "yes" : "NO")
                     << std::endl;
            }
        }
    }

    // Summary: medians, the growth against the smallest n, and the paired ratio to plain
    // ns-3 multicast (per repetition, then the median).
    std::ofstream summary(outDir + "/scaling-summary.csv");
    const std::string header =
        "n,mode,runs,us_per_tx,events_per_s,peak_MiB,link_tx,vs_smallest_n,vs_udp_multicast";
    summary << header << std::endl;
    std::cout << header << std::endl;
    for (const auto& [cell, ms] : results)
    {
        const auto& [n, mode] = cell;
        std::vector<double> cost;
        std::vector<double> rate;
        std::vector<double> peak;
        std::vector<double> paired;
        const auto base = results.find({n, "udp-multicast"});
        for (size_t k = 0; k < ms.size(); ++k)
        {
            cost.push_back(Cost(ms[k]));
            rate.push_back(ms[k].cpuSeconds > 0 ? ms[k].events / ms[k].cpuSeconds : 0);
            peak.push_back(ms[k].peakKiB / 1024.0);
            if (base != results.end() && k < base->second.size() && Cost(base->second[k]) > 0)
            {
                paired.push_back(Cost(ms[k]) / Cost(base->second[k]));
            }
        }
        // The smallest n at which this mode ran.
        double smallest = 0;
        for (const auto& [other, oms] : results)
        {
            if (other.second == mode && smallest == 0)
            {
                std::vector<double> c;
                for (const Measurement& m : oms)
                {
                    c.push_back(Cost(m));
                }
                smallest = Median(c);
            }
        }
        std::ostringstream row;
        row << std::fixed << n << "," << mode << "," << ms.size() << "," << std::setprecision(3)
            << Median(cost) << "," << std::setprecision(0) << Median(rate) << ","
            << std::setprecision(1) << Median(peak) << "," << ms[0].transmissions << ","
            << std::setprecision(3) << (smallest > 0 ? Median(cost) / smallest : 0) << ","
            << (paired.empty() ? std::string("") : std::to_string(Median(paired)));
        summary << row.str() << std::endl;
        std::cout << row.str() << std::endl;
    }
    if (!allOk)
    {
        std::cerr << "selmcast-scaling-benchmark: a run failed or did not deliver everything "
                     "(see scaling-runs.csv)"
                  << std::endl;
    }
    return allOk ? 0 : 1;
}
