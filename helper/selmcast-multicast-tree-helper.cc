/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-multicast-tree-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/selmcast-router-agent.h"
#include "ns3/selmcast-tree-messenger.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastTreeManager");

NS_OBJECT_ENSURE_REGISTERED(SelmcastTreeManager);

namespace
{

/// Marks a router the BFS has not reached.
const uint32_t UNREACHABLE = std::numeric_limits<uint32_t>::max();

/**
 * Scramble 64 bits so that nearby inputs (consecutive groups, senders) give unrelated outputs.
 * \param x input
 * \return scrambled value
 */
uint64_t
Scramble(uint64_t x)
{
    x *= 0x9E3779B97F4A7C15ULL; // 2^64 / golden ratio, odd
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 32;
    return x;
}

/**
 * The rank of a candidate parent router in one tree: lower wins. It depends on the tree (sender,
 * group) and the candidate only, so every router of a tree ranks the candidates alike.
 * \param sender sender worker index
 * \param group the tree's group
 * \param candidate router index of the candidate
 * \return the rank
 */
uint64_t
Rank(uint32_t sender, Ipv4Address group, uint32_t candidate)
{
    return Scramble(Scramble(Scramble(sender) ^ group.Get()) ^ candidate);
}

} // namespace

TypeId
SelmcastTreeManager::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastTreeManager")
            .SetParent<Object>()
            .SetGroupName("Selmcast")
            .AddConstructor<SelmcastTreeManager>()
            .AddAttribute("GroupBase",
                          "First address of the pool of group addresses (a multicast address).",
                          Ipv4AddressValue(Ipv4Address("225.0.0.1")),
                          MakeIpv4AddressAccessor(&SelmcastTreeManager::m_groupBase),
                          MakeIpv4AddressChecker())
            .AddAttribute("GroupCount",
                          "Number of addresses in the pool (>= 1); all must be multicast "
                          "addresses. At most this many trees can be installed at once.",
                          UintegerValue((1u << 24) - 2),
                          MakeUintegerAccessor(&SelmcastTreeManager::m_groupCount),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SenderPaths",
                          "Choose among equal-cost parents by (sender, router) only, so that "
                          "every tree of a sender takes the same paths whatever its group (what "
                          "a controller that plans on the fabric's links needs: GetPath); false "
                          "(default): by (sender, group, router), so a sender's trees spread.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SelmcastTreeManager::m_senderPaths),
                          MakeBooleanChecker())
            .AddAttribute(
                "PathSpread",
                "How trees choose among equal-cost parents: Hash (default: by a hash "
                "of sender, group or not (SenderPaths), and candidate) or RoundRobin "
                "(at routers with workers, the k-th worker of the sender's router "
                "prefers the candidate whose index is k modulo the number of "
                "candidates, the hash breaking ties and choosing higher up: the "
                "workers of a leaf take its uplinks in turn).",
                EnumValue(PathSpread::HASH),
                MakeEnumAccessor(&SelmcastTreeManager::m_pathSpread),
                MakeEnumChecker(PathSpread::HASH, "Hash", PathSpread::ROUND_ROBIN, "RoundRobin"))
            .AddTraceSource("TreeInstalled",
                            "A tree was installed: its group, sender and receivers.",
                            MakeTraceSourceAccessor(&SelmcastTreeManager::m_installedTrace),
                            "ns3::SelmcastTreeManager::InstalledTracedCallback")
            .AddTraceSource("TreePruned",
                            "A receiver was dropped from a tree: the group and the receiver.",
                            MakeTraceSourceAccessor(&SelmcastTreeManager::m_prunedTrace),
                            "ns3::SelmcastTreeManager::PrunedTracedCallback")
            .AddTraceSource("TreeRemoved",
                            "A tree was removed: its group.",
                            MakeTraceSourceAccessor(&SelmcastTreeManager::m_removedTrace),
                            "ns3::SelmcastTreeManager::RemovedTracedCallback");
    return tid;
}

SelmcastTreeManager::SelmcastTreeManager()
    : m_groupCount(0),
      m_senderPaths(false),
      m_pathSpread(PathSpread::HASH),
      m_nextGroup(0)
{
    NS_LOG_FUNCTION(this);
}

SelmcastTreeManager::~SelmcastTreeManager()
{
    NS_LOG_FUNCTION(this);
}

void
SelmcastTreeManager::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // The nodes are disposed of with the simulation: their routes need no removal.
    m_trees.clear();
    m_pending.clear();
    m_messenger = nullptr;
    m_routerRouting.clear();
    m_workerRouting.clear();
    m_topology = nullptr;
    Object::DoDispose();
}

void
SelmcastTreeManager::SetTopology(Ptr<SelmcastTopology> topology)
{
    NS_LOG_FUNCTION(this << topology);
    NS_ABORT_MSG_IF(!topology, "SelmcastTreeManager::SetTopology: no topology");
    NS_ABORT_MSG_IF(!m_trees.empty(),
                    "SelmcastTreeManager::SetTopology: " << m_trees.size()
                                                         << " trees are still installed");
    m_topology = topology;
    uint32_t nRouters = topology->GetNRouters();
    m_routerRouting.clear();
    for (uint32_t r = 0; r < nRouters; ++r)
    {
        m_routerRouting.emplace_back(topology->GetRouter(r));
    }
    m_workerRouting.clear();
    m_slots.clear();
    m_edge.assign(nRouters, false);
    std::map<uint32_t, uint32_t> perRouter;
    for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
    {
        m_workerRouting.emplace_back(topology->GetWorker(i));
        m_slots.push_back(perRouter[topology->GetWorkerLink(i).router]++);
        m_edge[topology->GetWorkerLink(i).router] = true;
    }

    // Hop counts between all routers (breadth-first from each): the graphs are small, and
    // every Install needs the distances from its sender's router.
    m_distances.assign(nRouters, std::vector<uint32_t>(nRouters, UNREACHABLE));
    for (uint32_t from = 0; from < nRouters; ++from)
    {
        std::vector<uint32_t>& dist = m_distances[from];
        std::deque<uint32_t> queue{from};
        dist[from] = 0;
        while (!queue.empty())
        {
            uint32_t r = queue.front();
            queue.pop_front();
            for (const SelmcastRouterLink& link : topology->GetRouterLinks(r))
            {
                if (dist[link.neighbour] == UNREACHABLE)
                {
                    dist[link.neighbour] = dist[r] + 1;
                    queue.push_back(link.neighbour);
                }
            }
        }
    }
}

void
SelmcastTreeManager::SetSenderRoute(uint32_t sender, Ipv4Address group, bool add)
{
    const uint32_t interface = m_topology->GetWorkerLink(sender).hostInterface;
    if (!m_messenger)
    {
        m_workerRouting[sender].SetSender(group, interface, add);
        return;
    }
    SelmcastTreeHeader route;
    route.SetKind(SelmcastTreeHeader::SENDER);
    route.SetGroup(group);
    route.SetOrigin(m_topology->GetWorkerAddress(sender));
    route.SetOutputs(add ? std::vector<uint32_t>{interface} : std::vector<uint32_t>());
    SendRoute(m_topology->GetWorker(sender), route);
}

void
SelmcastTreeManager::WriteRoute(uint32_t router,
                                Ipv4Address origin,
                                Ipv4Address group,
                                const RouterRoute& route)
{
    std::vector<uint32_t> outputs(route.outputs.begin(), route.outputs.end());
    if (!m_messenger)
    {
        m_routerRouting[router].SetMulticast(group, origin, route.input, outputs);
        return;
    }
    SelmcastTreeHeader message;
    message.SetKind(SelmcastTreeHeader::MULTICAST);
    message.SetGroup(group);
    message.SetOrigin(origin);
    message.SetInput(route.input);
    message.SetOutputs(outputs);
    SendRoute(m_topology->GetRouter(router), message);
}

void
SelmcastTreeManager::SendRoute(Ptr<Node> node, const SelmcastTreeHeader& route)
{
    Ipv4Address agent = SelmcastRouterAgent::AddressOf(node);
    std::pair<uint32_t, bool> key(agent.Get(), route.GetKind() == SelmcastTreeHeader::SENDER);
    Ipv4Address group = route.GetGroup();
    m_pending[group].outstanding.insert(key);
    m_messenger->Send(agent, route, [this, group, key]() { Acknowledged(group, key); });
}

void
SelmcastTreeManager::Acknowledged(Ipv4Address group, std::pair<uint32_t, bool> key)
{
    auto it = m_pending.find(group);
    if (it == m_pending.end())
    {
        return;
    }
    it->second.outstanding.erase(key);
    if (!it->second.outstanding.empty())
    {
        return;
    }
    std::vector<std::function<void()>> waiters = std::move(it->second.waiters);
    m_pending.erase(it);
    for (auto& ready : waiters)
    {
        ready();
    }
}

void
SelmcastTreeManager::SetMessenger(Ptr<SelmcastTreeMessenger> messenger)
{
    NS_ABORT_MSG_IF(!m_trees.empty(), "SelmcastTreeManager::SetMessenger: trees are installed");
    m_messenger = messenger;
}

bool
SelmcastTreeManager::IsReady(Ipv4Address group) const
{
    return m_pending.find(group) == m_pending.end();
}

void
SelmcastTreeManager::WhenReady(Ipv4Address group, std::function<void()> ready)
{
    NS_ABORT_MSG_IF(!IsInstalled(group), "SelmcastTreeManager::WhenReady: no tree " << group);
    if (IsReady(group))
    {
        ready();
        return;
    }
    m_pending[group].waiters.push_back(std::move(ready));
}

Ptr<SelmcastTopology>
SelmcastTreeManager::GetTopology() const
{
    return m_topology;
}

std::string
SelmcastTreeManager::Validate(uint32_t sender, const std::vector<uint32_t>& receivers) const
{
    std::ostringstream error;
    if (!m_topology)
    {
        return "no topology: call SetTopology first";
    }
    uint32_t n = m_topology->GetNWorkers();
    if (sender >= n)
    {
        error << "sender = " << sender << " must be in [0, " << n << ")";
        return error.str();
    }
    std::set<uint32_t> seen;
    for (uint32_t j : receivers)
    {
        if (j >= n)
        {
            error << "receiver " << j << " must be in [0, " << n << ")";
            return error.str();
        }
        if (j == sender)
        {
            error << "receiver " << j << " is the sender";
            return error.str();
        }
        if (!seen.insert(j).second)
        {
            error << "receiver " << j << " is listed twice";
            return error.str();
        }
        uint32_t root = m_topology->GetWorkerLink(sender).router;
        uint32_t leaf = m_topology->GetWorkerLink(j).router;
        if (m_distances[root][leaf] == UNREACHABLE)
        {
            error << "receiver " << j << " cannot be reached from sender " << sender;
            return error.str();
        }
    }
    if (m_groupCount < 1)
    {
        return "GroupCount = 0 must be >= 1";
    }
    uint64_t last = static_cast<uint64_t>(m_groupBase.Get()) + m_groupCount - 1;
    if (!m_groupBase.IsMulticast() || last > Ipv4Address("239.255.255.255").Get())
    {
        error << "GroupBase = " << m_groupBase << " and GroupCount = " << m_groupCount
              << " must give addresses in [224.0.0.0, 239.255.255.255]";
        return error.str();
    }
    return "";
}

Ipv4Address
SelmcastTreeManager::AllocateGroup()
{
    NS_ABORT_MSG_IF(m_trees.size() >= m_groupCount,
                    "SelmcastTreeManager: all GroupCount = " << m_groupCount
                                                             << " group addresses are in use");
    // Round robin from where the last allocation stopped: a removed group comes back last.
    for (uint32_t k = 0; k < m_groupCount; ++k)
    {
        uint32_t offset =
            static_cast<uint32_t>((static_cast<uint64_t>(m_nextGroup) + k) % m_groupCount);
        Ipv4Address group(m_groupBase.Get() + offset);
        if (m_trees.find(group) == m_trees.end() && m_pending.find(group) == m_pending.end())
        {
            m_nextGroup = (offset + 1) % m_groupCount;
            return group;
        }
    }
    NS_FATAL_ERROR("SelmcastTreeManager: the free group addresses of GroupCount = "
                   << m_groupCount << " are all still being removed from the routers");
    return Ipv4Address();
}

uint32_t
SelmcastTreeManager::CountParents(uint32_t router, const std::vector<uint32_t>& dist) const
{
    std::set<uint32_t> parents;
    for (const SelmcastRouterLink& link : m_topology->GetRouterLinks(router))
    {
        if (dist[link.neighbour] + 1 == dist[router])
        {
            parents.insert(link.neighbour);
        }
    }
    return std::max<uint32_t>(parents.size(), 1);
}

SelmcastTreeManager::RouteMap
SelmcastTreeManager::ComputeRoutes(uint32_t sender,
                                   Ipv4Address group,
                                   const std::set<uint32_t>& receivers) const
{
    RouteMap routes;
    const SelmcastAccessLink& senderLink = m_topology->GetWorkerLink(sender);
    const uint32_t root = senderLink.router;
    const std::vector<uint32_t>& dist = m_distances[root];
    for (uint32_t j : receivers)
    {
        const SelmcastAccessLink& receiverLink = m_topology->GetWorkerLink(j);
        uint32_t r = receiverLink.router;
        bool joined = routes.find(r) != routes.end();
        routes[r].outputs.insert(receiverLink.routerInterface);
        // Climb towards the root until the path meets the tree. Each router's parent depends
        // only on the tree and the router, so the climbs of all receivers agree.
        while (r != root && !joined)
        {
            const SelmcastRouterLink* best = nullptr;
            std::pair<uint32_t, uint64_t> bestRank;
            const uint32_t candidates = CountParents(r, dist);
            for (const SelmcastRouterLink& link : m_topology->GetRouterLinks(r))
            {
                if (dist[link.neighbour] + 1 != dist[r])
                {
                    continue;
                }
                // Turns only where workers attach (leaves, edges: their uplinks are what the
                // workers of a router share); the turn depends on the candidate, not on r, so
                // receivers' climbs still agree. Higher up the hash spreads.
                uint32_t turn =
                    m_pathSpread == PathSpread::ROUND_ROBIN && m_edge[r]
                        ? (link.neighbour + candidates - m_slots[sender] % candidates) % candidates
                        : 0;
                std::pair<uint32_t, uint64_t> rank{
                    turn,
                    Rank(sender, m_senderPaths ? Ipv4Address() : group, link.neighbour)};
                // Ties (parallel links to one neighbour, or a hash collision) go to the lower
                // neighbour index, then the lower interface: deterministic.
                if (!best || rank < bestRank ||
                    (rank == bestRank && (link.neighbour < best->neighbour ||
                                          (link.neighbour == best->neighbour &&
                                           link.localInterface < best->localInterface))))
                {
                    best = &link;
                    bestRank = rank;
                }
            }
            NS_ASSERT_MSG(best, "no upstream neighbour of router " << r);
            routes[r].input = best->localInterface;
            uint32_t parent = best->neighbour;
            joined = routes.find(parent) != routes.end();
            routes[parent].outputs.insert(best->remoteInterface);
            r = parent;
        }
    }
    if (!routes.empty())
    {
        routes[root].input = senderLink.routerInterface;
    }
    return routes;
}

std::vector<std::pair<uint32_t, uint32_t>>
SelmcastTreeManager::GetPath(uint32_t sender, uint32_t receiver) const
{
    NS_ABORT_MSG_IF(!m_senderPaths, "SelmcastTreeManager::GetPath: needs SenderPaths = true");
    std::string error = Validate(sender, {receiver});
    NS_ABORT_MSG_IF(!error.empty(), "SelmcastTreeManager::GetPath: " << error);
    RouteMap routes = ComputeRoutes(sender, Ipv4Address(), {receiver});
    const SelmcastAccessLink& last = m_topology->GetWorkerLink(receiver);
    std::vector<std::pair<uint32_t, uint32_t>> path;
    uint32_t r = m_topology->GetWorkerLink(sender).router;
    while (true)
    {
        // One receiver: every router of the tree has exactly one output.
        uint32_t out = *routes.at(r).outputs.begin();
        path.emplace_back(r, out);
        if (r == last.router && out == last.routerInterface)
        {
            return path;
        }
        const SelmcastRouterLink* next = nullptr;
        for (const SelmcastRouterLink& link : m_topology->GetRouterLinks(r))
        {
            next = link.localInterface == out ? &link : next;
        }
        NS_ABORT_MSG_IF(!next || path.size() > m_topology->GetNRouters(),
                        "SelmcastTreeManager::GetPath: broken route at router " << r);
        r = next->neighbour;
    }
}

void
SelmcastTreeManager::ApplyRoutes(Ipv4Address origin,
                                 Ipv4Address group,
                                 const RouteMap& before,
                                 const RouteMap& after)
{
    for (const auto& [router, route] : before)
    {
        if (after.find(router) == after.end())
        {
            WriteRoute(router, origin, group, RouterRoute());
        }
    }
    for (const auto& [router, route] : after)
    {
        auto previous = before.find(router);
        if (previous == before.end() || !(previous->second == route))
        {
            WriteRoute(router, origin, group, route);
        }
    }
}

Ipv4Address
SelmcastTreeManager::Install(uint32_t sender, const std::vector<uint32_t>& receivers)
{
    NS_LOG_FUNCTION(this << sender << receivers.size());
    std::string error = Validate(sender, receivers);
    NS_ABORT_MSG_IF(!error.empty(), "SelmcastTreeManager::Install: " << error);

    Ipv4Address group = AllocateGroup();
    Tree& tree = m_trees[group];
    tree.sender = sender;
    tree.receivers.insert(receivers.begin(), receivers.end());
    tree.routes = ComputeRoutes(sender, group, tree.receivers);
    const SelmcastAccessLink& link = m_topology->GetWorkerLink(sender);
    ApplyRoutes(link.hostAddress, group, RouteMap(), tree.routes);
    // The sender's outbound lookup uses its unicast table: without this route its sends fail
    // with ERROR_NOROUTETOHOST.
    SetSenderRoute(sender, group, true);

    NS_LOG_INFO("tree " << group << " from worker " << sender << " to " << receivers.size()
                        << " receivers over " << tree.routes.size() << " routers");
    m_installedTrace(group,
                     sender,
                     std::vector<uint32_t>(tree.receivers.begin(), tree.receivers.end()));
    return group;
}

bool
SelmcastTreeManager::Prune(Ipv4Address group, uint32_t receiver)
{
    NS_LOG_FUNCTION(this << group << receiver);
    auto it = m_trees.find(group);
    NS_ABORT_MSG_IF(it == m_trees.end(),
                    "SelmcastTreeManager::Prune: no tree with group " << group);
    Tree& tree = it->second;
    if (tree.receivers.erase(receiver) == 0)
    {
        NS_LOG_LOGIC("worker " << receiver << " is no receiver of " << group);
        return false;
    }
    RouteMap routes = ComputeRoutes(tree.sender, group, tree.receivers);
    ApplyRoutes(m_topology->GetWorkerAddress(tree.sender), group, tree.routes, routes);
    tree.routes = routes;
    m_prunedTrace(group, receiver);
    return true;
}

void
SelmcastTreeManager::Remove(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = m_trees.find(group);
    NS_ABORT_MSG_IF(it == m_trees.end(),
                    "SelmcastTreeManager::Remove: no tree with group " << group);
    const Tree& tree = it->second;
    const SelmcastAccessLink& link = m_topology->GetWorkerLink(tree.sender);
    ApplyRoutes(link.hostAddress, group, tree.routes, RouteMap());
    SetSenderRoute(tree.sender, group, false);
    m_trees.erase(it);
    auto pending = m_pending.find(group);
    if (pending != m_pending.end())
    {
        pending->second.waiters.clear(); // the transfer it was for is gone
    }
    m_removedTrace(group);
}

void
SelmcastTreeManager::RemoveAll()
{
    NS_LOG_FUNCTION(this);
    while (!m_trees.empty())
    {
        Remove(m_trees.begin()->first);
    }
}

bool
SelmcastTreeManager::IsInstalled(Ipv4Address group) const
{
    return m_trees.find(group) != m_trees.end();
}

uint32_t
SelmcastTreeManager::GetNTrees() const
{
    return static_cast<uint32_t>(m_trees.size());
}

std::vector<Ipv4Address>
SelmcastTreeManager::GetGroups() const
{
    std::vector<Ipv4Address> groups;
    for (const auto& entry : m_trees)
    {
        groups.push_back(entry.first);
    }
    return groups;
}

const SelmcastTreeManager::Tree&
SelmcastTreeManager::GetTree(Ipv4Address group) const
{
    auto it = m_trees.find(group);
    NS_ABORT_MSG_IF(it == m_trees.end(), "SelmcastTreeManager: no tree with group " << group);
    return it->second;
}

uint32_t
SelmcastTreeManager::GetSender(Ipv4Address group) const
{
    return GetTree(group).sender;
}

std::vector<uint32_t>
SelmcastTreeManager::GetReceivers(Ipv4Address group) const
{
    const Tree& tree = GetTree(group);
    return std::vector<uint32_t>(tree.receivers.begin(), tree.receivers.end());
}

std::vector<uint32_t>
SelmcastTreeManager::GetTreeRouters(Ipv4Address group) const
{
    std::vector<uint32_t> routers;
    for (const auto& entry : GetTree(group).routes)
    {
        routers.push_back(entry.first);
    }
    return routers;
}

} // namespace ns3
