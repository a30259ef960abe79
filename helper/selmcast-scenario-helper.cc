/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-scenario-helper.h"

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/nstime.h"
#include "ns3/show-progress.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <memory>

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
    probe.SetAttribute("MeanRate", DataRateValue(DataRate(m_par.bandwidth)));
    probe.SetAttribute("Spread", DoubleValue(m_par.lambda));
    probe.SetAttribute("IngressRatio", DoubleValue(m_par.mu));
    if (m_par.topology == "leafspine")
    {
        probe.SetAttribute("HostsPerLeaf", UintegerValue(m_par.hostsPerLeaf));
        probe.SetAttribute("Leaves", UintegerValue(m_par.n / m_par.hostsPerLeaf));
        probe.SetAttribute("Spines", UintegerValue(m_par.spines));
        error = probe.Validate(SelmcastTopology::LEAF_SPINE);
    }
    else
    {
        probe.SetAttribute("Workers", UintegerValue(m_par.n));
        error = probe.Validate(SelmcastTopology::BIG_SWITCH);
    }
    if (!error.empty())
    {
        return error;
    }
    Ptr<SelmcastBandwidthVariation> variation = CreateObject<SelmcastBandwidthVariation>();
    variation->SetAttribute("Gamma", DoubleValue(m_gamma));
    variation->SetAttribute("DeltaT", TimeValue(m_deltaT));
    return variation->Validate();
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
    topo.SetAttribute("MeanRate", DataRateValue(DataRate(m_par.bandwidth)));
    topo.SetAttribute("Spread", DoubleValue(m_par.lambda));
    topo.SetAttribute("IngressRatio", DoubleValue(m_par.mu));
    topo.AssignStreams(TOPOLOGY_STREAM);
    if (m_par.topology == "leafspine")
    {
        topo.SetAttribute("HostsPerLeaf", UintegerValue(m_par.hostsPerLeaf));
        topo.SetAttribute("Leaves", UintegerValue(m_par.n / m_par.hostsPerLeaf));
        topo.SetAttribute("Spines", UintegerValue(m_par.spines));
        m_topology = topo.InstallLeafSpine();
    }
    else
    {
        topo.SetAttribute("Workers", UintegerValue(m_par.n));
        m_topology = topo.InstallBigSwitch();
    }

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

    m_variation = CreateObject<SelmcastBandwidthVariation>();
    m_variation->SetAttribute("Gamma", DoubleValue(m_gamma));
    m_variation->SetAttribute("DeltaT", TimeValue(m_deltaT));
    m_variation->SetAttribute("MeanRate", DataRateValue(DataRate(m_par.bandwidth)));
    m_variation->SetAttribute("Lambda", DoubleValue(m_par.lambda));
    m_variation->SetAttribute("Mu", DoubleValue(m_par.mu));
    m_variation->SetTopology(m_topology);
    m_variation->AssignStreams(VARIATION_STREAM);
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
