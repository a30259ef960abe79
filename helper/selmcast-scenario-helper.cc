/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-scenario-helper.h"

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/nstime.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/show-progress.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <chrono>
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
    args.AddValue("topology", "bigswitch or leafspine", par.topology);
    args.AddUnsigned("n", "number of workers", par.n, 2, SelmcastBspParameters::MAX_WORKERS);
    args.AddUnsigned("hostsPerLeaf",
                     "leafspine: workers per leaf, must divide n",
                     par.hostsPerLeaf,
                     1,
                     SelmcastBspParameters::MAX_WORKERS);
    args.AddUnsigned("spines", "leafspine: number of spines", par.spines, 1, 1024);
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
SelmcastWarnIgnored(const SelmcastArgs& args, const SelmcastBspParameters& par, double gamma)
{
    if (par.topology != "leafspine")
    {
        args.WarnIgnored({"hostsPerLeaf", "spines"}, "topology is " + par.topology);
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
    if (par.topology == "leafspine")
    {
        topo.SetAttribute("HostsPerLeaf", UintegerValue(par.hostsPerLeaf));
        topo.SetAttribute("Leaves", UintegerValue(par.n / par.hostsPerLeaf));
        topo.SetAttribute("Spines", UintegerValue(par.spines));
        return SelmcastTopology::LEAF_SPINE;
    }
    topo.SetAttribute("Workers", UintegerValue(par.n));
    return SelmcastTopology::BIG_SWITCH;
}

void
SelmcastAddBspParameters(SelmcastResults& results,
                         const SelmcastBspParameters& par,
                         const std::string& selector,
                         double gamma,
                         Time deltaT)
{
    results.AddParameter("topology", par.topology);
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
    const SelmcastTopology::Kind kind = SelmcastConfigureTopology(topo, m_par);
    topo.SetRankPolicy(m_rankPolicy);
    topo.AssignStreams(TOPOLOGY_STREAM);
    m_topology =
        kind == SelmcastTopology::LEAF_SPINE ? topo.InstallLeafSpine() : topo.InstallBigSwitch();

    // A fresh helper per Build: its factories must not carry a previous scenario's state.
    m_training = SelmcastTrainingHelper();
    m_training.SetBlock(m_par.blockSize, m_par.segmentSize);
    m_training.SetTrainerAttribute("ComputeModel", StringValue(m_par.workload));
    m_training.SetTrainerAttribute("ComputeMean",
                                   TimeValue(MicroSeconds(m_par.computeMean * 1000)));
    m_training.SetControllerAttribute("Selector", StringValue(m_par.selector));
    m_training.SetControllerAttribute("Delivery", StringValue(m_par.delivery));
    m_training.SetControllerAttribute("MinReceivers", UintegerValue(m_par.EffectiveP()));
    m_training.SetControllerAttribute("ForcedRoundLimit", UintegerValue(m_par.k));
    m_training.SetControllerAttribute("Rounds", UintegerValue(m_par.rounds));
    m_training.SetControllerAttribute("RatePolicy", StringValue(m_par.ratePolicy));
    m_training.Install(m_topology);
    m_training.AssignStreams(TRAINING_STREAM);
    m_training.GetController()->TraceConnectWithoutContext(
        "RoundComplete",
        MakeCallback(&SelmcastBspScenario::OnRound, this));

    m_variation = SelmcastCreateVariation(m_topology, m_par, m_gamma, m_deltaT, VARIATION_STREAM);
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
    m_variation->Stop();
    Simulator::Destroy();
    return s;
}

} // namespace ns3
