/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-bandwidth-variation.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastBandwidthVariation");

NS_OBJECT_ENSURE_REGISTERED(SelmcastBandwidthVariation);

TypeId
SelmcastBandwidthVariation::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastBandwidthVariation")
            .SetParent<Object>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastBandwidthVariation>()
            .AddAttribute("Gamma",
                          "gamma in [0, 1]: a port's rate is (1 - gamma) b_fixed + gamma "
                          "b_random (0: the topology's rates stay, 1: fully random).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&SelmcastBandwidthVariation::m_gamma),
                          MakeDoubleChecker<double>())
            .AddAttribute("DeltaT",
                          "Time between two changes (> 0); the paper uses 100 ms.",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&SelmcastBandwidthVariation::m_deltaT),
                          MakeTimeChecker())
            .AddAttribute("MeanRate",
                          "b, the mean egress rate of b_random (> 0); the mean ingress rate is "
                          "Mu x b. Give it the topology's MeanRate.",
                          DataRateValue(DataRate("10Gbps")),
                          MakeDataRateAccessor(&SelmcastBandwidthVariation::m_mean),
                          MakeDataRateChecker())
            .AddAttribute("Lambda",
                          "lambda in [0, 1), the relative spread of b_random: b (1 + lambda x), "
                          "x uniform in [-1, 1].",
                          DoubleValue(0.25),
                          MakeDoubleAccessor(&SelmcastBandwidthVariation::m_lambda),
                          MakeDoubleChecker<double>())
            .AddAttribute("Mu",
                          "mu > 0, the ratio of mean ingress to mean egress rate of b_random.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SelmcastBandwidthVariation::m_mu),
                          MakeDoubleChecker<double>())
            .AddTraceSource(
                "RateChanged",
                "A worker's access rates changed (fired for every worker at every "
                "change, after the devices got the new rates).",
                MakeTraceSourceAccessor(&SelmcastBandwidthVariation::m_rateChangedTrace),
                "ns3::SelmcastBandwidthVariation::RateChangedTracedCallback");
    return tid;
}

SelmcastBandwidthVariation::SelmcastBandwidthVariation()
    : m_gamma(0),
      m_lambda(0.25),
      m_mu(1),
      m_changes(0)
{
    m_variable = CreateObject<UniformRandomVariable>();
    m_variable->SetAttribute("Min", DoubleValue(-1.0));
    m_variable->SetAttribute("Max", DoubleValue(1.0));
}

SelmcastBandwidthVariation::~SelmcastBandwidthVariation() = default;

void
SelmcastBandwidthVariation::DoDispose()
{
    m_event.Cancel();
    m_topology = nullptr;
    m_variable = nullptr;
    Object::DoDispose();
}

void
SelmcastBandwidthVariation::SetTopology(Ptr<SelmcastTopology> topology)
{
    m_topology = topology;
    m_fixedIngress.clear();
    m_fixedEgress.clear();
    for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
    {
        m_fixedIngress.push_back(topology->GetIngressRate(i));
        m_fixedEgress.push_back(topology->GetEgressRate(i));
    }
}

std::string
SelmcastBandwidthVariation::Validate() const
{
    std::ostringstream err;
    if (!(m_gamma >= 0 && m_gamma <= 1))
    {
        err << "gamma: " << m_gamma << " is out of range, allowed: [0, 1]";
        return err.str();
    }
    if (!m_deltaT.IsStrictlyPositive())
    {
        err << "deltaT: " << m_deltaT.As(Time::MS) << " is out of range, allowed: > 0";
        return err.str();
    }
    if (!(m_lambda >= 0 && m_lambda < 1))
    {
        err << "lambda: " << m_lambda << " is out of range, allowed: [0, 1)";
        return err.str();
    }
    if (!(m_mu > 0))
    {
        err << "mu: " << m_mu << " is out of range, allowed: > 0";
        return err.str();
    }
    if (m_mean.GetBitRate() == 0)
    {
        return "MeanRate: 0 is out of range, allowed: > 0";
    }
    return "";
}

void
SelmcastBandwidthVariation::Start()
{
    std::string error = Validate();
    NS_ABORT_MSG_UNLESS(error.empty(), "SelmcastBandwidthVariation: " << error);
    NS_ABORT_MSG_UNLESS(m_topology, "SelmcastBandwidthVariation: SetTopology before Start");
    m_event.Cancel();
    // Scheduled rather than applied inline, so a Start before Simulator::Run takes effect at
    // time 0 in event order, like every later change.
    m_event = Simulator::ScheduleNow(&SelmcastBandwidthVariation::Change, this);
}

void
SelmcastBandwidthVariation::Stop()
{
    m_event.Cancel();
}

int64_t
SelmcastBandwidthVariation::AssignStreams(int64_t stream)
{
    m_variable->SetStream(stream);
    return 1;
}

uint32_t
SelmcastBandwidthVariation::GetChanges() const
{
    return m_changes;
}

DataRate
SelmcastBandwidthVariation::GetFixedIngress(uint32_t i) const
{
    return m_fixedIngress.at(i);
}

DataRate
SelmcastBandwidthVariation::GetFixedEgress(uint32_t i) const
{
    return m_fixedEgress.at(i);
}

void
SelmcastBandwidthVariation::GetRange(uint32_t i,
                                     bool ingress,
                                     double& lowest,
                                     double& highest) const
{
    double fixed = static_cast<double>(ingress ? m_fixedIngress.at(i).GetBitRate()
                                               : m_fixedEgress.at(i).GetBitRate());
    double mean = static_cast<double>(m_mean.GetBitRate()) * (ingress ? m_mu : 1.0);
    lowest = (1 - m_gamma) * fixed + m_gamma * mean * (1 - m_lambda);
    highest = (1 - m_gamma) * fixed + m_gamma * mean * (1 + m_lambda);
}

void
SelmcastBandwidthVariation::Change()
{
    uint32_t n = m_fixedIngress.size();
    double b = static_cast<double>(m_mean.GetBitRate());
    // All draws first, egress then ingress, in a fixed order: the sequence depends on n and the
    // stream only, as the topology helper's own draws do.
    std::vector<double> x(n);
    std::vector<double> y(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        x[i] = m_variable->GetValue();
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        y[i] = m_variable->GetValue();
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        double egress = (1 - m_gamma) * static_cast<double>(m_fixedEgress[i].GetBitRate()) +
                        m_gamma * b * (1 + m_lambda * x[i]);
        double ingress = (1 - m_gamma) * static_cast<double>(m_fixedIngress[i].GetBitRate()) +
                         m_gamma * b * m_mu * (1 + m_lambda * y[i]);
        // At least 1 bit/s: a zero DataRate would make the device's transmit time infinite.
        DataRate up(std::max<uint64_t>(1, static_cast<uint64_t>(std::llround(ingress))));
        DataRate down(std::max<uint64_t>(1, static_cast<uint64_t>(std::llround(egress))));
        const SelmcastAccessLink& link = m_topology->GetWorkerLink(i);
        link.hostDevice->SetDataRate(up);
        link.routerDevice->SetDataRate(down);
        m_rateChangedTrace(i, up, down);
    }
    ++m_changes;
    NS_LOG_DEBUG("change " << m_changes << " at " << Simulator::Now().As(Time::MS));
    m_event = Simulator::Schedule(m_deltaT, &SelmcastBandwidthVariation::Change, this);
}

} // namespace ns3
