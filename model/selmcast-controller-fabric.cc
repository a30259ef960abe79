/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup selmcast
 * SelmcastController on a fabric (issue 11, part 3 at packet level): the round's fabric over
 * the active workers, handed to a topology-aware selector, and pacing that respects every link.
 */

#include "selmcast-controller.h"
#include "selmcast-fabric-rates.h"
#include "selmcast-fabric-selector.h"
#include "selmcast-fabric-subset.h"
#include "selmcast-fabric-time.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastControllerFabric");

void
SelmcastController::SetFabric(std::shared_ptr<const selmcast::Fabric> fabric)
{
    NS_ABORT_MSG_IF(fabric && (!fabric->IsValidated() || fabric->GetHosts() != m_n),
                    "SelmcastController::SetFabric: needs a validated fabric of n = "
                        << m_n << " hosts (SetTopology first)");
    m_fabric = fabric;
    m_roundFabric = fabric;
    m_fabricIds.clear();
    for (uint32_t i = 0; fabric && i < m_n; ++i)
    {
        m_fabricIds.push_back(i);
    }
}

std::shared_ptr<const selmcast::Fabric>
SelmcastController::GetFabric() const
{
    return m_fabric;
}

std::shared_ptr<const selmcast::Fabric>
SelmcastController::RoundFabric(const std::vector<uint32_t>& ids)
{
    if (!m_fabric || m_ssp)
    {
        return nullptr;
    }
    if (ids != m_fabricIds)
    {
        // Exclusions and returns change the problem's hosts.
        m_roundFabric =
            std::make_shared<const selmcast::Fabric>(selmcast::SubFabric(*m_fabric, ids));
        m_fabricIds = ids;
    }
    if (auto aware = dynamic_cast<selmcast::FabricSelmcastSelector*>(m_selector.get()))
    {
        aware->SetFabric(m_roundFabric);
    }
    return m_roundFabric;
}

void
SelmcastController::PaceOnFabric(const selmcast::Problem& problem,
                                 const selmcast::Plan& plan,
                                 const std::vector<selmcast::RateFlow>& flows,
                                 std::vector<double>& rates)
{
    // maxmin and deadline share the ports only (no fabric form yet): they keep their rates.
    m_fabricPaced = m_roundFabric && !m_ssp &&
                    m_ratePolicy == selmcast::RatePolicy::FinishTogether &&
                    !m_roundFabric->IsPortBound(problem);
    if (!m_fabricPaced)
    {
        return; // only the ports can limit: RatePolicy's allocation stands
    }
    // Link l then carries load_l / t(X) <= c_l, and every transfer ends at t(X).
    selmcast::FabricPlanTime time = selmcast::EvaluateOnFabric(problem, *m_roundFabric, plan);
    for (std::size_t f = 0; f < flows.size(); ++f)
    {
        rates[f] = time.senderRate[flows[f].sender];
    }
    m_record.fluidPolicy = time.completionTime;
    NS_LOG_INFO("round " << m_round << " paced on the fabric: t(X) " << time.completionTime
                         << " s, bottleneck link " << time.bottleneck);
}

void
SelmcastController::SspSelectOnFabric()
{
    // The SSP view spans every worker id (excluded ones are no candidates): the whole fabric.
    if (auto aware = dynamic_cast<selmcast::FabricSelmcastSelector*>(m_selector.get()))
    {
        aware->SetFabric(m_fabric);
    }
}

void
SelmcastController::SspPaceOnFabric(const std::vector<selmcast::RateFlow>& flows,
                                    std::vector<double>& rates) const
{
    if (!m_fabric)
    {
        return;
    }
    selmcast::Problem ports; // the ports of now, as IsPortBound reads them
    ports.n = m_n;
    ports.ingress = m_ingress;
    ports.egress = m_egress;
    if (m_fabric->IsPortBound(ports))
    {
        return; // no link can carry more than the ports let through: the rates stand
    }
    // The same policy with every link as a port: max-min or deadline priority on every link.
    const selmcast::FabricRateInput in =
        selmcast::LinksAsPorts(*m_fabric, m_ingress, m_egress, flows);
    try
    {
        rates = selmcast::AllocateRates(m_sspRatePolicy, in.ports, in.flows);
    }
    catch (const std::invalid_argument& e)
    {
        NS_LOG_WARN("SelmcastController: " << e.what() << "; falling back to max-min");
        rates = selmcast::MaxMinRates(in.ports, in.flows);
    }
}

} // namespace ns3
