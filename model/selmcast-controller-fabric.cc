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
    // SSP's selmcast-fabric, built at start, plans on the whole fabric (BSP's gets RoundFabric).
    if (auto aware = dynamic_cast<selmcast::FabricSelmcastSelector*>(m_selector.get());
        aware && m_ssp)
    {
        aware->SetFabric(m_fabric);
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

std::vector<double>
SelmcastController::SspRates(const selmcast::RatePorts& ports,
                             const std::vector<selmcast::RateFlow>& flows) const
{
    if (!m_fabric)
    {
        return SspPolicyRates(ports, flows);
    }
    selmcast::Problem now; // the ports of now, as IsPortBound and EvaluateOnFabric read them
    now.n = m_n;
    now.delivery = m_delivery;
    now.ingress = m_ingress;
    now.egress = m_egress;
    // Where no link can carry more than the ports let through, the port rates stand.
    const bool linkBound = !m_fabric->IsPortBound(now);
    if (linkBound && m_sspFabricRatesName == "links")
    {
        // The same policy with every link as a port: max-min or deadline priority on every link.
        const selmcast::FabricRateInput in =
            selmcast::LinksAsPorts(*m_fabric, m_ingress, m_egress, flows);
        return SspPolicyRates(in.ports, in.flows);
    }
    std::vector<double> rates = SspPolicyRates(ports, flows);
    if (linkBound)
    {
        SspScaleToLinks(now, flows, rates);
    }
    return rates;
}

std::vector<double>
SelmcastController::SspPolicyRates(const selmcast::RatePorts& ports,
                                   const std::vector<selmcast::RateFlow>& flows) const
{
    try
    {
        return selmcast::AllocateRates(m_sspRatePolicy, ports, flows);
    }
    catch (const std::invalid_argument& e)
    {
        NS_LOG_WARN("SelmcastController: " << e.what() << "; falling back to max-min");
        return selmcast::MaxMinRates(ports, flows);
    }
}

void
SelmcastController::SspScaleToLinks(selmcast::Problem problem,
                                    const std::vector<selmcast::RateFlow>& flows,
                                    std::vector<double>& rates) const
{
    // Rates as volumes: EvaluateOnFabric's loads are then what each link carries per second
    // (L3: once per tree; L7: per copy, at the sender's fastest unicast, an upper bound).
    problem.volume.assign(m_n, 0.0);
    selmcast::Plan plan(m_n, 0);
    for (std::size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f].remaining > 0)
        {
            problem.volume[flows[f].sender] = std::max(problem.volume[flows[f].sender], rates[f]);
            for (uint32_t j : flows[f].receivers)
            {
                plan(flows[f].sender, j) = 1;
            }
        }
    }
    const selmcast::FabricPlanTime load = selmcast::EvaluateOnFabric(problem, *m_fabric, plan);
    // A flow slows to the tightest fabric link it crosses: link l then carries at most
    // min(load_l, c_l). The ports keep the policy's rates (the allocator respects them).
    for (std::size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f].remaining <= 0)
        {
            continue; // no share: it keeps its last rate at the sender (SspAllocate)
        }
        double factor = 1;
        for (uint32_t j : flows[f].receivers)
        {
            for (uint32_t l : m_fabric->GetPath(flows[f].sender, j))
            {
                if (!m_fabric->IsAccessLink(l) && load.load[l] > load.capacity[l])
                {
                    factor = std::min(factor, load.capacity[l] / load.load[l]);
                }
            }
        }
        rates[f] *= factor;
    }
}

} // namespace ns3
