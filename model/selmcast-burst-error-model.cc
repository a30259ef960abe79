/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-burst-error-model.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastBurstErrorModel");

NS_OBJECT_ENSURE_REGISTERED(SelmcastBurstErrorModel);

TypeId
SelmcastBurstErrorModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastBurstErrorModel")
            .SetParent<ErrorModel>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastBurstErrorModel>()
            .AddAttribute("LossRate",
                          "Long-run share of packets lost, in [0, 1).",
                          DoubleValue(0.02),
                          MakeDoubleAccessor(&SelmcastBurstErrorModel::m_lossRate),
                          MakeDoubleChecker<double>(0.0, 0.999999))
            .AddAttribute("MeanBurst",
                          "Mean length of a burst of lost packets (geometric), >= 1.",
                          DoubleValue(10.0),
                          MakeDoubleAccessor(&SelmcastBurstErrorModel::m_meanBurst),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("SlotTime",
                          "Time of one step of the chain: a packet k slots after the previous "
                          "one sees the chain k steps on (e.g. an MTU frame's time at the link "
                          "rate). 0: one step per packet, whatever the time between packets.",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&SelmcastBurstErrorModel::m_slot),
                          MakeTimeChecker(Time(0)));
    return tid;
}

SelmcastBurstErrorModel::SelmcastBurstErrorModel()
    : m_lossRate(0.02),
      m_meanBurst(10.0),
      m_uniform(CreateObject<UniformRandomVariable>())
{
}

int64_t
SelmcastBurstErrorModel::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

uint64_t
SelmcastBurstErrorModel::GetDropped() const
{
    return m_dropped;
}

uint64_t
SelmcastBurstErrorModel::GetSeen() const
{
    return m_seen;
}

bool
SelmcastBurstErrorModel::DoCorrupt(Ptr<Packet> p)
{
    // Stationary share of the bad state: enter / (enter + leave) = LossRate.
    double leave = 1.0 / m_meanBurst;
    double enter = m_lossRate * leave / (1.0 - m_lossRate);
    double u = m_uniform->GetValue();
    Time now = Simulator::Now();
    double steps = 1;
    if (m_slot.IsStrictlyPositive() && m_seenAny)
    {
        steps = std::max(1.0, std::floor((now - m_lastPacket).GetDouble() / m_slot.GetDouble()));
    }
    m_seenAny = true;
    m_lastPacket = now;
    // k steps of the two-state chain: P(bad) = pi + (P0(bad) - pi) (1 - enter - leave)^k.
    double pi = m_lossRate;
    double start = m_bad ? 1.0 : 0.0;
    double bad = pi + (start - pi) * std::pow(1.0 - enter - leave, steps);
    m_bad = u < bad;
    ++m_seen;
    m_dropped += m_bad ? 1 : 0;
    return m_bad;
}

void
SelmcastBurstErrorModel::DoReset()
{
    m_bad = false;
    m_seenAny = false;
}

} // namespace ns3
