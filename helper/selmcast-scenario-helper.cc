/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-scenario-helper.h"

#include "selmcast-fabric-builder.h"

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/nstime.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/show-progress.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

namespace ns3
{

namespace
{

/** Stream of the topology's rate draws (as in the selmcast-bsp example). */
constexpr int64_t TOPOLOGY_STREAM = 1;
/** Stream of the bandwidth variation's draws. */
constexpr int64_t VARIATION_STREAM = 2;
/** Stream of the background traffic's choices. */
constexpr int64_t BACKGROUND_STREAM = 3;
/** First stream of the controller and the trainers (as in the selmcast-bsp example). */
constexpr int64_t TRAINING_STREAM = 100;

/**
 * \param values samples
 * \return their mean (0 when empty)
 */
double
MeanOf(const std::vector<double>& values)
{
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    return values.empty() ? 0 : sum / values.size();
}

/**
 * What BSP and SSP training set alike: blocks, compute, selector, delivery, p, k and rounds.
 * \param training the helper
 * \param par the parameters
 */
void
ConfigureCommonTraining(SelmcastTrainingHelper& training, const SelmcastBspParameters& par)
{
    training.SetBlock(par.blockSize, par.segmentSize);
    training.SetTrainerAttribute("ComputeModel", StringValue(par.workload));
    training.SetTrainerAttribute("ComputeMean", TimeValue(MicroSeconds(par.computeMean * 1000)));
    training.SetControllerAttribute("Selector", StringValue(par.selector));
    training.SetControllerAttribute("Delivery", StringValue(par.delivery));
    training.SetControllerAttribute("MinReceivers", UintegerValue(par.EffectiveP()));
    training.SetControllerAttribute("ForcedRoundLimit", UintegerValue(par.k));
    training.SetControllerAttribute("Rounds", UintegerValue(par.rounds));
}

} // namespace

std::string
SelmcastBspSummary::Failure(uint32_t wanted) const
{
    if (rounds >= wanted)
    {
        return "";
    }
    std::ostringstream why;
    why << selector << ": only " << rounds << " of " << wanted << " rounds completed";
    if (guardReached)
    {
        why << ": the simulated-time guard of " << guardSeconds << " s was reached";
    }
    if (excluded > 0)
    {
        why << (guardReached ? "; " : ": ") << excluded
            << " workers were excluded after WorkerTimeout without a message";
    }
    return why.str();
}

void
SelmcastAddCommonArguments(SelmcastArgs& args,
                           SelmcastBspParameters& par,
                           double& gamma,
                           Time& deltaT,
                           bool& progress,
                           bool& wallClock)
{
    // Upper bounds: what the simulation can represent and hold in memory, far beyond the paper.
    args.AddValue("topology", "bigswitch, leafspine, fattree or file", par.topology);
    args.AddUnsigned("n", "number of workers", par.n, 2, SelmcastBspParameters::MAX_WORKERS);
    args.AddUnsigned("hostsPerLeaf",
                     "leafspine: workers per leaf, must divide n",
                     par.hostsPerLeaf,
                     1,
                     SelmcastBspParameters::MAX_WORKERS);
    args.AddUnsigned("spines", "leafspine: number of spines", par.spines, 1, 1024);
    SelmcastAddFabricArguments(args, par);
    args.AddUnsigned("p",
                     "receivers per sender, at most n - 1; 0 means round(pRatio * n)",
                     par.p,
                     0,
                     SelmcastBspParameters::MAX_WORKERS - 1);
    args.AddReal("pRatio", "p / n when p is 0", par.pRatio, {0, 1, true, true});
    args.AddUnsigned("k",
                     "forced-round limit: every pair synchronizes within k + 1 rounds",
                     par.k,
                     1,
                     SelmcastBspParameters::MAX_ROUNDS);
    args.AddUnsigned("blockSize",
                     "bytes of every parameter block",
                     par.blockSize,
                     1,
                     SelmcastBspParameters::MAX_BLOCK_SIZE);
    args.AddUnsigned("segmentSize",
                     "block bytes per packet, at most mtu - 60",
                     par.segmentSize,
                     1,
                     65535);
    args.AddUnsigned("mtu",
                     "link MTU in bytes (9000: jumbo frames, about 6x fewer packets with "
                     "segmentSize=8940)",
                     par.mtu,
                     68,
                     65535);
    args.AddReal("lambda",
                 "bandwidth spread b(1 + lambda x), x ~ U[-1, 1]",
                 par.lambda,
                 {0, 1, false, true});
    args.AddReal("mu",
                 "ingress / egress bandwidth ratio",
                 par.mu,
                 {0, SelmcastBspParameters::MAX_MU, true, false});
    args.AddReal("gamma",
                 "bandwidth variation: every deltaT b = (1 - gamma) b_fixed + gamma b_random "
                 "(0: fixed rates)",
                 gamma,
                 {0, 1});
    args.AddTime("deltaT",
                 "time between bandwidth changes",
                 deltaT,
                 MilliSeconds(1),
                 Seconds(3600));
    args.AddValue("workload",
                  "compute model: constant, uniform, lstm, transformer, resnet50",
                  par.workload);
    args.AddReal("computeMean",
                 "mean compute time per round in ms",
                 par.computeMean,
                 {0, SelmcastBspParameters::MAX_COMPUTE_MEAN_MS});
    args.AddValue("outDir", "directory of the result files (created)", par.outDir);
    args.AddValue("progress", "show simulated time, wall time and event rate (stderr)", progress);
    args.AddValue("wallClock", "record selector wall times (false: reproducible files)", wallClock);
}

void
SelmcastAddFabricArguments(SelmcastArgs& args, SelmcastBspParameters& par)
{
    args.AddReal("oversubscription",
                 "leafspine: hosts' rate over uplink rate per leaf, sets the leaf-spine link "
                 "rate (0: 40Gbps links)",
                 par.oversubscription,
                 {0, 1e6});
    args.AddUnsigned("fatTreeK",
                     "fattree: arity k, even (k^3 / 4 host slots)",
                     par.fatTreeK,
                     2,
                     64);
    args.AddReal("edgeOversubscription",
                 "fattree: host rate over edge-aggregation link rate",
                 par.edgeOversubscription,
                 {0, 1e6, true, false});
    args.AddReal("aggOversubscription",
                 "fattree: edge-aggregation over aggregation-core link rate",
                 par.aggOversubscription,
                 {0, 1e6, true, false});
    args.AddValue("placement",
                  "workers on the racks: packed, spread (round-robin) or random (RngRun)",
                  par.placement);
    args.AddReal("linkDelay",
                 "propagation delay of every link in microseconds (file: the hosts' links)",
                 par.linkDelay,
                 {0, 1e6});
    args.AddValue("topologyFile",
                  "file: CSV edge list, lines node,node,rate,delay",
                  par.topologyFile);
    args.AddValue("fileWorkers",
                  "file: nodes that take a worker: leaves, all, or names joined by +",
                  par.fileWorkers);
    args.AddValue("topologyFormat",
                  "file: format of topologyFile: csv, or ns-3's inet, orbis, rocketfuel",
                  par.topologyFormat);
    args.AddRate("fileLinkRate",
                 "file in inet, orbis or rocketfuel format: rate of every router link",
                 par.fileLinkRate,
                 SelmcastBspParameters::MIN_RATE_BPS,
                 SelmcastBspParameters::MAX_RATE_BPS);
    args.AddReal("fileLinkDelay",
                 "file in inet, orbis or rocketfuel format: delay of every router link in "
                 "microseconds",
                 par.fileLinkDelay,
                 {0, 1e6});
    args.AddReal("background",
                 "other tenants' TCP flows, one per worker node to a worker on another router, "
                 "at this fraction of its ingress rate (0: none)",
                 par.background,
                 {0, 1, false, true});
    args.AddUnsigned("controllerRouter",
                     "router index of the controller (leaves or edge switches first, then "
                     "spines, aggregation, core; file: use fileController)",
                     par.controllerRouter,
                     0,
                     1000000);
    args.AddValue("fileController",
                  "file: the controller's node (empty: the first)",
                  par.fileController);
}

void
SelmcastWarnIgnored(const SelmcastArgs& args, const SelmcastBspParameters& par, double gamma)
{
    if (par.topology != "leafspine")
    {
        args.WarnIgnored({"hostsPerLeaf", "spines", "oversubscription"},
                         "topology is " + par.topology);
    }
    if (par.topology != "fattree")
    {
        args.WarnIgnored({"fatTreeK", "edgeOversubscription", "aggOversubscription"},
                         "topology is " + par.topology);
    }
    if (par.topology != "file")
    {
        args.WarnIgnored({"topologyFile", "fileWorkers", "fileController", "topologyFormat"},
                         "topology is " + par.topology);
    }
    if (par.topology != "file" || par.topologyFormat == "csv")
    {
        args.WarnIgnored({"fileLinkRate", "fileLinkDelay"},
                         "the file is no inet, orbis or rocketfuel file");
    }
    else
    {
        args.WarnIgnored({"controllerRouter"}, "topology is file: fileController places it");
    }
    if (par.topology == "bigswitch")
    {
        args.WarnIgnored({"placement"}, "topology is bigswitch");
    }
    if (gamma == 0)
    {
        args.WarnIgnored({"deltaT"}, "gamma is 0: the rates do not vary");
    }
    if (par.p != 0)
    {
        args.WarnIgnored({"pRatio"}, "p is given");
    }
}

SelmcastTopology::Kind
SelmcastConfigureTopology(SelmcastTopologyHelper& topo, const SelmcastBspParameters& par)
{
    topo.SetAttribute("MeanRate", DataRateValue(DataRate(par.bandwidth)));
    topo.SetAttribute("Spread", DoubleValue(par.lambda));
    topo.SetAttribute("IngressRatio", DoubleValue(par.mu));
    topo.SetAttribute("Mtu", UintegerValue(par.mtu));
    topo.SetAttribute("LinkDelay", TimeValue(NanoSeconds(std::llround(par.linkDelay * 1e3))));
    const std::string placement = par.placement == "spread"   ? "Spread"
                                  : par.placement == "random" ? "Random"
                                                              : "Packed";
    topo.SetAttribute("Placement", StringValue(placement));
    topo.SetAttribute("Workers", UintegerValue(par.n));
    topo.SetAttribute("ControllerRouter", UintegerValue(par.controllerRouter));
    SelmcastTopology::Kind kind = SelmcastTopology::BIG_SWITCH;
    if (par.topology == "leafspine")
    {
        topo.SetAttribute("HostsPerLeaf", UintegerValue(par.hostsPerLeaf));
        topo.SetAttribute("Leaves", UintegerValue(par.n / par.hostsPerLeaf));
        topo.SetAttribute("Spines", UintegerValue(par.spines));
        topo.SetAttribute("Oversubscription", DoubleValue(par.oversubscription));
        kind = SelmcastTopology::LEAF_SPINE;
    }
    else if (par.topology == "fattree")
    {
        topo.SetAttribute("FatTreeK", UintegerValue(par.fatTreeK));
        topo.SetAttribute("EdgeOversubscription", DoubleValue(par.edgeOversubscription));
        topo.SetAttribute("AggOversubscription", DoubleValue(par.aggOversubscription));
        kind = SelmcastTopology::FAT_TREE;
    }
    else if (par.topology == "file")
    {
        topo.SetAttribute("TopologyFile", StringValue(par.topologyFile));
        topo.SetAttribute("FileWorkers", StringValue(par.fileWorkers));
        topo.SetAttribute("FileController", StringValue(par.fileController));
        const std::string format = par.topologyFormat == "inet"         ? "Inet"
                                   : par.topologyFormat == "orbis"      ? "Orbis"
                                   : par.topologyFormat == "rocketfuel" ? "Rocketfuel"
                                                                        : "Csv";
        topo.SetAttribute("TopologyFormat", StringValue(format));
        topo.SetAttribute("FileLinkRate", DataRateValue(DataRate(par.fileLinkRate)));
        topo.SetAttribute("FileLinkDelay",
                          TimeValue(NanoSeconds(std::llround(par.fileLinkDelay * 1e3))));
        kind = SelmcastTopology::EDGE_LIST;
    }
    topo.SetAttribute("Topology", EnumValue(kind));
    return kind;
}

void
SelmcastConfigureSspTraining(SelmcastTrainingHelper& training, const SelmcastSspParameters& par)
{
    ConfigureCommonTraining(training, par);
    training.SetControllerAttribute("Mode", StringValue("SSP"));
    training.SetControllerAttribute("Staleness", UintegerValue(par.ssp));
    training.SetControllerAttribute("Eta", DoubleValue(par.eta));
    training.SetControllerAttribute("TauOrder", StringValue(par.tauOrder));
    training.SetControllerAttribute("ParetoLoad", StringValue(par.paretoLoad));
    training.SetControllerAttribute("SspRatePolicy", StringValue(par.ratePolicy));
    training.SetControllerAttribute("Duration", TimeValue(Seconds(par.duration)));
}

std::string
SelmcastDescribeTopology(const SelmcastBspParameters& par, Ptr<SelmcastTopology> topology)
{
    std::ostringstream os;
    os << "topology " << par.topology << ": n = " << topology->GetNWorkers() << ", "
       << topology->GetNRouters() << " routers, bisection ";
    if (topology->GetBisectionBandwidth() > 0)
    {
        os << topology->GetBisectionBandwidth() / 1e9 << " Gbps, oversubscription "
           << topology->GetOversubscription();
    }
    else
    {
        os << "unknown, oversubscription unknown (edge list)";
    }
    return os.str();
}

void
SelmcastAddBspParameters(SelmcastResults& results,
                         const SelmcastBspParameters& par,
                         const std::string& selector,
                         double gamma,
                         Time deltaT)
{
    results.AddParameter("topology", par.topology);
    for (const auto& [name, value] : SelmcastFabricParameters(par))
    {
        results.AddParameter(name, value);
    }
    results.AddParameter("n", std::to_string(par.n));
    results.AddParameter("p", std::to_string(par.EffectiveP()));
    results.AddParameter("k", std::to_string(par.k));
    results.AddParameter("delivery", par.delivery);
    results.AddParameter("blockSize", std::to_string(par.blockSize));
    results.AddParameter("segmentSize", std::to_string(par.segmentSize));
    results.AddParameter("mtu", std::to_string(par.mtu));
    results.AddParameter("bandwidth", par.bandwidth);
    results.AddParameter("lambda", std::to_string(par.lambda));
    results.AddParameter("mu", std::to_string(par.mu));
    results.AddParameter("gamma", std::to_string(gamma));
    results.AddParameter("deltaT_ms", std::to_string(deltaT.GetSeconds() * 1e3));
    results.AddParameter("selector", selector);
    results.AddParameter("workload", par.workload);
    results.AddParameter("computeMean_ms", std::to_string(par.computeMean));
    results.AddParameter("rounds", std::to_string(par.rounds));
    results.AddParameter("ratePolicy", par.ratePolicy);
    results.AddParameter("RngRun", std::to_string(RngSeedManager::GetRun()));
}

std::vector<std::pair<std::string, std::string>>
SelmcastFabricParameters(const SelmcastBspParameters& par)
{
    // Only the knobs of the run's kind: big-switch result files keep their columns.
    std::vector<std::pair<std::string, std::string>> knobs;
    if (par.topology == "leafspine")
    {
        knobs.emplace_back("oversubscription", std::to_string(par.oversubscription));
    }
    else if (par.topology == "fattree")
    {
        knobs.emplace_back("fatTreeK", std::to_string(par.fatTreeK));
        knobs.emplace_back("edgeOversubscription", std::to_string(par.edgeOversubscription));
        knobs.emplace_back("aggOversubscription", std::to_string(par.aggOversubscription));
    }
    else if (par.topology == "file")
    {
        knobs.emplace_back("topologyFile", par.topologyFile);
        knobs.emplace_back("fileWorkers", par.fileWorkers);
        if (par.topologyFormat != "csv")
        {
            knobs.emplace_back("topologyFormat", par.topologyFormat);
            knobs.emplace_back("fileLinkRate", par.fileLinkRate);
            knobs.emplace_back("fileLinkDelay_us", std::to_string(par.fileLinkDelay));
        }
    }
    if (par.background > 0)
    {
        knobs.emplace_back("background", std::to_string(par.background));
    }
    if (par.controllerRouter != 0)
    {
        knobs.emplace_back("controllerRouter", std::to_string(par.controllerRouter));
    }
    if (par.topology != "bigswitch")
    {
        knobs.emplace_back("placement", par.placement);
        knobs.emplace_back("linkDelay_us", std::to_string(par.linkDelay));
    }
    return knobs;
}

Ptr<SelmcastBackgroundTraffic>
SelmcastCreateBackground(Ptr<SelmcastTopology> topology,
                         const SelmcastBspParameters& par,
                         int64_t stream)
{
    Ptr<SelmcastBackgroundTraffic> background = CreateObject<SelmcastBackgroundTraffic>();
    background->SetAttribute("Load", DoubleValue(par.background));
    background->AssignStreams(stream);
    background->Install(topology);
    return background;
}

std::string
SelmcastDescribeBackground(const std::vector<SelmcastBackgroundFlow>& flows)
{
    double offered = 0;
    double carried = 0;
    for (const SelmcastBackgroundFlow& flow : flows)
    {
        offered += flow.offeredBps;
        carried += flow.throughputBps;
    }
    std::ostringstream os;
    os << "background: " << flows.size() << " TCP flows, offered " << offered / 1e9
       << " Gbps, carried " << carried / 1e9 << " Gbps";
    return os.str();
}

std::string
SelmcastWriteBackground(const std::string& path, const std::vector<SelmcastBackgroundFlow>& flows)
{
    std::ofstream out(path);
    if (!out)
    {
        return "cannot write " + path;
    }
    out << "flow,source,sink,offered_bps,received_bytes,throughput_bps\n";
    for (uint32_t f = 0; f < flows.size(); ++f)
    {
        out << f << "," << flows[f].source << "," << flows[f].sink << "," << flows[f].offeredBps
            << "," << flows[f].received << "," << flows[f].throughputBps << "\n";
    }
    return "";
}

std::string
SelmcastValidateVariation(const SelmcastBspParameters& par, double gamma, Time deltaT)
{
    Ptr<SelmcastBandwidthVariation> variation = CreateObject<SelmcastBandwidthVariation>();
    variation->SetAttribute("Gamma", DoubleValue(gamma));
    variation->SetAttribute("DeltaT", TimeValue(deltaT));
    variation->SetAttribute("Lambda", DoubleValue(par.lambda));
    variation->SetAttribute("Mu", DoubleValue(par.mu));
    DataRateValue rate;
    if (rate.DeserializeFromString(par.bandwidth, MakeDataRateChecker()))
    {
        variation->SetAttribute("MeanRate", rate);
    }
    return variation->Validate();
}

Ptr<SelmcastBandwidthVariation>
SelmcastCreateVariation(Ptr<SelmcastTopology> topology,
                        const SelmcastBspParameters& par,
                        double gamma,
                        Time deltaT,
                        int64_t stream)
{
    Ptr<SelmcastBandwidthVariation> variation = CreateObject<SelmcastBandwidthVariation>();
    variation->SetAttribute("Gamma", DoubleValue(gamma));
    variation->SetAttribute("DeltaT", TimeValue(deltaT));
    variation->SetAttribute("MeanRate", DataRateValue(DataRate(par.bandwidth)));
    variation->SetAttribute("Lambda", DoubleValue(par.lambda));
    variation->SetAttribute("Mu", DoubleValue(par.mu));
    variation->SetTopology(topology);
    variation->AssignStreams(stream);
    return variation;
}

SelmcastBspScenario::SelmcastBspScenario(const SelmcastBspParameters& par,
                                         double gamma,
                                         Time deltaT)
    : m_par(par),
      m_gamma(gamma),
      m_deltaT(deltaT)
{
}

std::string
SelmcastBspScenario::Validate() const
{
    std::string error = m_par.Validate();
    if (!error.empty())
    {
        return error;
    }
    SelmcastTopologyHelper probe;
    probe.SetRankPolicy(m_rankPolicy);
    error = probe.Validate(SelmcastConfigureTopology(probe, m_par));
    if (!error.empty())
    {
        return error;
    }
    return SelmcastValidateVariation(m_par, m_gamma, m_deltaT);
}

void
SelmcastBspScenario::SetRankPolicy(const SelmcastRankPolicy& policy)
{
    m_rankPolicy = policy;
}

void
SelmcastBspScenario::Build()
{
    m_roundTimes.clear();
    m_normalized.clear();
    m_scales.clear();
    m_wireBytes = 0;
    m_repairBytes = 0;
    m_lastEnd = 0;

    SelmcastTopologyHelper topo;
    SelmcastConfigureTopology(topo, m_par);
    topo.SetRankPolicy(m_rankPolicy);
    topo.AssignStreams(TOPOLOGY_STREAM);
    m_topology = topo.Install();

    // A fresh helper per Build: its factories must not carry a previous scenario's state.
    m_training = SelmcastTrainingHelper();
    ConfigureCommonTraining(m_training, m_par);
    m_training.SetControllerAttribute("RatePolicy", StringValue(m_par.ratePolicy));
    m_training.Install(m_topology);
    m_training.AssignStreams(TRAINING_STREAM);
    m_training.GetController()->TraceConnectWithoutContext(
        "RoundComplete",
        MakeCallback(&SelmcastBspScenario::OnRound, this));
    // plan_t, selmcast-fabric and the pacing see the links and paths the trees really use.
    SelmcastPlanOnFabric(m_training.GetController());

    m_variation = SelmcastCreateVariation(m_topology, m_par, m_gamma, m_deltaT, VARIATION_STREAM);
    m_background = SelmcastCreateBackground(m_topology, m_par, BACKGROUND_STREAM);
}

Ptr<SelmcastBackgroundTraffic>
SelmcastBspScenario::GetBackground() const
{
    return m_background;
}

Ptr<SelmcastTopology>
SelmcastBspScenario::GetTopology() const
{
    return m_topology;
}

const SelmcastTrainingHelper&
SelmcastBspScenario::GetTraining() const
{
    return m_training;
}

Ptr<SelmcastBandwidthVariation>
SelmcastBspScenario::GetVariation() const
{
    return m_variation;
}

void
SelmcastBspScenario::OnRound(const SelmcastRoundRecord& record)
{
    m_roundTimes.push_back((record.end - record.start).GetSeconds());
    if (record.fluidIdeal > 0)
    {
        m_normalized.push_back(record.TransferSeconds() / record.fluidIdeal);
    }
    m_scales.push_back(record.scale);
    m_wireBytes += record.wireBytes;
    m_repairBytes += record.repairBytes;
    m_lastEnd = record.end.GetSeconds();
}

SelmcastBspSummary
SelmcastBspScenario::Run(bool progress, Time guard)
{
    // gamma = 0 starts nothing: such a run has exactly the events of a run without variation.
    if (m_gamma > 0)
    {
        m_variation->Start();
    }
    Simulator::Stop(guard); // a healthy run stops itself after its last round
    std::unique_ptr<ShowProgress> meter;
    if (progress)
    {
        // On stderr, so that the result tables on stdout stay machine-readable.
        meter = std::make_unique<ShowProgress>(Seconds(1), std::cerr);
    }
    auto wallStart = std::chrono::steady_clock::now();
    Simulator::Run();
    std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wallStart;
    meter.reset(); // prints the elapsed wall clock; before Destroy drops its pending event

    SelmcastBspSummary s;
    s.selector = m_par.selector;
    s.rounds = m_training.GetController()->GetCompletedRounds();
    s.meanRoundTime = MeanOf(m_roundTimes);
    s.averageScale = MeanOf(m_scales);
    s.normalizedCompletion = MeanOf(m_normalized);
    s.wireBytes = m_wireBytes;
    s.repairBytes = m_repairBytes;
    s.simulatedSeconds = m_lastEnd;
    s.wallSeconds = wall.count();
    s.events = Simulator::GetEventCount();
    s.guardSeconds = guard.GetSeconds();
    s.guardReached = Simulator::Now() >= guard;
    for (uint32_t id = 0; id < m_training.GetTrainers().size(); ++id)
    {
        s.excluded += m_training.GetController()->IsActive(id) ? 0 : 1;
    }
    double compute = 0;
    for (const auto& trainer : m_training.GetTrainers())
    {
        compute += trainer->GetComputeTime().GetSeconds();
    }
    uint32_t n = m_training.GetTrainers().size();
    s.npuUtilization = (m_lastEnd > 0 && n > 0) ? compute / (n * m_lastEnd) : 0;
    s.background = m_background->Report();
    m_variation->Stop();
    Simulator::Destroy();
    return s;
}

} // namespace ns3
