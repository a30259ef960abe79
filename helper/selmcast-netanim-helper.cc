/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-netanim-helper.h"

#include "ns3/animation-interface.h"
#include "ns3/callback.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

namespace
{

/** Centre of the big switch's star, and its radius. */
constexpr double CENTRE = 100;
/** Radius of the workers' circle around the big switch. */
constexpr double RADIUS = 80;
/** Horizontal room per worker in the leaf-spine tiers. */
constexpr double SLOT = 12;
/** Node sizes (NetAnim's default of 1 is hard to see at this scale). */
constexpr double WORKER_SIZE = 5;
/** Size of a router or the controller. */
constexpr double ROUTER_SIZE = 8;

/**
 * \param k the item
 * \param count the items in the tier
 * \param width the tier's width
 * \return x of item k, the tier spread evenly over the width
 */
double
Spread(uint32_t k, uint32_t count, double width)
{
    return width * (k + 0.5) / count;
}

} // namespace

SelmcastNetAnim::SelmcastNetAnim() = default;

SelmcastNetAnim::~SelmcastNetAnim() = default;

std::vector<SelmcastNetAnim::Position>
SelmcastNetAnim::Layout(Ptr<SelmcastTopology> topology)
{
    const uint32_t n = topology->GetNWorkers();
    const uint32_t routers = topology->GetNRouters();
    std::vector<Position> at(n + routers + 1);
    if (topology->GetKind() == SelmcastTopology::BIG_SWITCH)
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            double angle = 2 * M_PI * i / n - M_PI / 2; // worker 0 at the top, clockwise
            at[i] = {CENTRE + RADIUS * std::cos(angle), CENTRE + RADIUS * std::sin(angle)};
        }
        at[n] = {CENTRE, CENTRE};
        at[n + routers] = {CENTRE + RADIUS + 20, CENTRE - RADIUS - 10};
        return at;
    }
    // Leaf-spine: spines on top, leaves below, each leaf's workers under it, in order.
    const uint32_t leaves = topology->GetNLeaves();
    const double width = std::max(2 * CENTRE, SLOT * n);
    for (uint32_t s = 0; s < topology->GetNSpines(); ++s)
    {
        at[n + leaves + s] = {Spread(s, topology->GetNSpines(), width), 20};
    }
    uint32_t slot = 0;
    for (uint32_t l = 0; l < leaves; ++l)
    {
        at[n + l] = {Spread(l, leaves, width), 80};
        for (uint32_t w : topology->GetWorkersAt(l))
        {
            at[w] = {Spread(slot++, n, width), 150};
        }
    }
    const Position& router = at[n + topology->GetControllerLink().router];
    at[n + routers] = {router.x, 190};
    return at;
}

void
SelmcastNetAnim::Install(Ptr<SelmcastTopology> topology,
                         Ptr<SelmcastController> controller,
                         const std::string& path)
{
    m_topology = topology;
    const uint32_t n = topology->GetNWorkers();
    std::vector<Position> at = Layout(topology);
    std::vector<Ptr<Node>> nodes;
    for (uint32_t i = 0; i < n; ++i)
    {
        nodes.push_back(topology->GetWorker(i));
    }
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        nodes.push_back(topology->GetRouter(r));
    }
    nodes.push_back(topology->GetController());
    // Positions before the interface: it writes every node's position when it starts.
    for (std::size_t k = 0; k < nodes.size(); ++k)
    {
        AnimationInterface::SetConstantPosition(nodes[k], at[k].x, at[k].y);
    }
    m_anim = std::make_unique<AnimationInterface>(path);
    m_anim->EnablePacketMetadata(false); // selmcast payloads are virtual: nothing to show
    for (uint32_t i = 0; i < n; ++i)
    {
        Paint(i, 180, 180, 180, "w" + std::to_string(i));
        m_anim->UpdateNodeSize(nodes[i]->GetId(), WORKER_SIZE, WORKER_SIZE);
    }
    for (std::size_t k = n; k < nodes.size(); ++k)
    {
        m_anim->UpdateNodeSize(nodes[k]->GetId(), ROUTER_SIZE, ROUTER_SIZE);
    }
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        std::string name = topology->GetKind() == SelmcastTopology::BIG_SWITCH ? "switch"
                           : topology->IsSpine(r) ? "spine" + std::to_string(r)
                                                  : "leaf" + std::to_string(r);
        m_anim->UpdateNodeDescription(topology->GetRouter(r), name);
        m_anim->UpdateNodeColor(topology->GetRouter(r), 70, 110, 200);
    }
    m_anim->UpdateNodeDescription(topology->GetController(), "controller");
    m_anim->UpdateNodeColor(topology->GetController(), 60, 60, 60);
    controller->TraceConnectWithoutContext("SelectionDone",
                                           MakeCallback(&SelmcastNetAnim::OnSelection, this));
    controller->TraceConnectWithoutContext(
        "MulticastSelected",
        MakeCallback(&SelmcastNetAnim::OnMulticastSelected, this));
}

void
SelmcastNetAnim::Paint(uint32_t worker, uint8_t r, uint8_t g, uint8_t b, const std::string& label)
{
    m_anim->UpdateNodeColor(m_topology->GetWorker(worker), r, g, b);
    m_anim->UpdateNodeDescription(m_topology->GetWorker(worker), label);
}

void
SelmcastNetAnim::OnSelection(uint32_t round,
                             const selmcast::Problem& /* problem */,
                             const selmcast::Plan& plan,
                             const std::vector<uint32_t>& ids)
{
    for (uint32_t j = 0; j < ids.size(); ++j)
    {
        uint32_t senders = 0;
        for (uint32_t i = 0; i < ids.size(); ++i)
        {
            senders += plan(i, j) != 0;
        }
        std::string label = "w" + std::to_string(ids[j]) + " r" + std::to_string(round) +
                            ": from " + std::to_string(senders);
        if (senders > 0)
        {
            Paint(ids[j], 40, 170, 60, label);
        }
        else
        {
            Paint(ids[j], 180, 180, 180, label);
        }
    }
}

void
SelmcastNetAnim::OnMulticastSelected(uint32_t sender,
                                     uint32_t round,
                                     const std::vector<uint32_t>& receivers,
                                     double /* seconds */)
{
    for (uint32_t w = 0; w < m_topology->GetNWorkers(); ++w)
    {
        bool chosen = std::find(receivers.begin(), receivers.end(), w) != receivers.end();
        std::string label = "w" + std::to_string(w);
        if (w == sender)
        {
            Paint(w, 255, 140, 0, label + " sends r" + std::to_string(round));
        }
        else if (chosen)
        {
            Paint(w, 40, 170, 60, label + " from w" + std::to_string(sender));
        }
        else
        {
            Paint(w, 180, 180, 180, label);
        }
    }
}

} // namespace ns3
