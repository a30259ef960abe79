/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-fabric.h"

#include "selmcast-fail.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace selmcast
{

namespace
{

/**
 * \param name the field
 * \param value its value
 * \throws std::invalid_argument unless value is finite and > 0
 */
void
CheckRate(const char* name, double value)
{
    if (!std::isfinite(value) || value <= 0)
    {
        Fail(name, " = ", value, " is out of range: must be finite and > 0");
    }
}

/**
 * Add a link in each direction between a host and its first switch, and record them.
 * \param fabric the fabric
 * \param host the host
 * \param node the switch
 * \param rate both links' capacity
 * \param up receives the host's uplink
 * \param down receives the host's downlink
 */
void
AttachHost(Fabric& fabric,
           uint32_t host,
           uint32_t node,
           double rate,
           std::vector<uint32_t>& up,
           std::vector<uint32_t>& down)
{
    up[host] = fabric.AddLink(host, node, rate);
    down[host] = fabric.AddLink(node, host, rate);
}

} // namespace

Fabric::Fabric(uint32_t hosts)
    : m_hosts(hosts),
      m_nodes(hosts),
      m_paths(hosts)
{
}

void
Fabric::Invalidate()
{
    m_validated = false;
}

uint32_t
Fabric::AddSwitch()
{
    Invalidate();
    return m_nodes++;
}

uint32_t
Fabric::AddLink(uint32_t from, uint32_t to, double capacity)
{
    Invalidate();
    m_links.push_back({from, to, capacity});
    return static_cast<uint32_t>(m_links.size() - 1);
}

void
Fabric::SetPath(uint32_t i, uint32_t j, std::vector<uint32_t> links)
{
    if (i >= m_hosts || j >= m_hosts || i == j)
    {
        Fail("Fabric: path (",
             i,
             ", ",
             j,
             ") is out of range: must be two distinct hosts in [0, ",
             m_hosts,
             ")");
    }
    Invalidate();
    m_paths(i, j) = std::move(links);
}

bool
Fabric::IsValidated() const
{
    return m_validated;
}

uint32_t
Fabric::GetHosts() const
{
    return m_hosts;
}

uint32_t
Fabric::GetNodes() const
{
    return m_nodes;
}

uint32_t
Fabric::GetLinks() const
{
    return static_cast<uint32_t>(m_links.size());
}

const FabricLink&
Fabric::GetLink(uint32_t l) const
{
    return m_links.at(l);
}

const std::vector<uint32_t>&
Fabric::GetPath(uint32_t i, uint32_t j) const
{
    return m_paths(i, j);
}

uint32_t
Fabric::GetUplink(uint32_t i) const
{
    return m_uplink.at(i);
}

uint32_t
Fabric::GetDownlink(uint32_t j) const
{
    return m_downlink.at(j);
}

bool
Fabric::IsAccessLink(uint32_t l) const
{
    return m_access.at(l) != 0;
}

void
Fabric::CheckPath(uint32_t i, uint32_t j)
{
    const std::vector<uint32_t>& path = m_paths(i, j);
    if (path.empty())
    {
        Fail("Fabric: path (", i, ", ", j, ") is missing: every ordered pair of hosts needs one");
    }
    std::vector<uint8_t> visited(m_nodes, 0);
    uint32_t at = i;
    visited[i] = 1;
    for (size_t k = 0; k < path.size(); ++k)
    {
        const uint32_t l = path[k];
        if (l >= m_links.size())
        {
            Fail("Fabric: path (",
                 i,
                 ", ",
                 j,
                 ") link ",
                 k,
                 " = ",
                 l,
                 " is out of range: must be a link id in [0, ",
                 m_links.size(),
                 ")");
        }
        if (m_links[l].from != at)
        {
            Fail("Fabric: path (",
                 i,
                 ", ",
                 j,
                 ") is not contiguous at link ",
                 l,
                 ": it leaves node ",
                 m_links[l].from,
                 ", the path is at node ",
                 at);
        }
        at = m_links[l].to;
        const bool last = k + 1 == path.size();
        if (!last && at < m_hosts)
        {
            Fail("Fabric: path (",
                 i,
                 ", ",
                 j,
                 ") passes through host ",
                 at,
                 ": only switches (nodes >= ",
                 m_hosts,
                 ") forward");
        }
        if (visited[at] != 0)
        {
            Fail("Fabric: path (", i, ", ", j, ") visits node ", at, " twice");
        }
        visited[at] = 1;
    }
    if (at != j)
    {
        Fail("Fabric: path (", i, ", ", j, ") ends at node ", at, ": must end at host ", j);
    }
    auto record = [&](std::vector<uint32_t>& access, uint32_t host, uint32_t l, const char* what) {
        if (access[host] != NO_LINK && access[host] != l)
        {
            Fail("Fabric: host ",
                 host,
                 " has two ",
                 what,
                 "s (links ",
                 access[host],
                 " and ",
                 l,
                 "): every path ",
                 (what[0] == 'u' ? "from" : "into"),
                 " a host must use the same one");
        }
        access[host] = l;
    };
    record(m_uplink, i, path.front(), "uplink");
    record(m_downlink, j, path.back(), "downlink");
}

void
Fabric::CheckTree(uint32_t i) const
{
    std::vector<uint32_t> incoming(m_nodes, NO_LINK);
    for (uint32_t j = 0; j < m_hosts; ++j)
    {
        if (j == i)
        {
            continue;
        }
        for (uint32_t l : m_paths(i, j))
        {
            const uint32_t node = m_links[l].to;
            if (incoming[node] != NO_LINK && incoming[node] != l)
            {
                Fail("Fabric: the paths of sender ",
                     i,
                     " enter node ",
                     node,
                     " over links ",
                     incoming[node],
                     " and ",
                     l,
                     ": a sender's paths must enter every node over one link, or their union is "
                     "no tree");
            }
            incoming[node] = l;
        }
    }
}

void
Fabric::Validate()
{
    if (m_hosts < 2)
    {
        Fail("Fabric: n = ", m_hosts, " hosts is out of range: must be >= 2");
    }
    for (size_t l = 0; l < m_links.size(); ++l)
    {
        const FabricLink& link = m_links[l];
        if (link.from >= m_nodes || link.to >= m_nodes || link.from == link.to)
        {
            Fail("Fabric: link ",
                 l,
                 " (",
                 link.from,
                 " -> ",
                 link.to,
                 ") is out of range: must join two distinct nodes in [0, ",
                 m_nodes,
                 ")");
        }
        if (!std::isfinite(link.capacity) || link.capacity <= 0)
        {
            Fail("Fabric: link ",
                 l,
                 " capacity = ",
                 link.capacity,
                 " is out of range: must be finite and > 0");
        }
    }
    m_uplink.assign(m_hosts, NO_LINK);
    m_downlink.assign(m_hosts, NO_LINK);
    for (uint32_t i = 0; i < m_hosts; ++i)
    {
        for (uint32_t j = 0; j < m_hosts; ++j)
        {
            if (i != j)
            {
                CheckPath(i, j);
            }
        }
        CheckTree(i);
    }
    m_access.assign(m_links.size(), 0);
    for (uint32_t h = 0; h < m_hosts; ++h)
    {
        m_access[m_uplink[h]] = 1;
        m_access[m_downlink[h]] = 1;
    }
    m_validated = true;
}

std::vector<double>
Fabric::Capacities(const Problem& problem) const
{
    if (!m_validated)
    {
        Fail("Fabric: not validated: call Validate after the last change");
    }
    if (problem.n != m_hosts)
    {
        Fail("Fabric: the problem has n = ",
             problem.n,
             ": must equal the fabric's hosts, ",
             m_hosts);
    }
    std::vector<double> capacity(m_links.size());
    for (size_t l = 0; l < m_links.size(); ++l)
    {
        capacity[l] = m_links[l].capacity;
    }
    for (uint32_t h = 0; h < m_hosts; ++h)
    {
        capacity[m_uplink[h]] = problem.ingress.at(h);
        capacity[m_downlink[h]] = problem.egress.at(h);
    }
    return capacity;
}

bool
Fabric::IsPortBound(const Problem& problem) const
{
    const std::vector<double> capacity = Capacities(problem);
    // Which senders and which receivers have a path over each link.
    std::vector<std::vector<uint8_t>> bySender(m_links.size(), std::vector<uint8_t>(m_hosts, 0));
    std::vector<std::vector<uint8_t>> byReceiver(m_links.size(), std::vector<uint8_t>(m_hosts, 0));
    for (uint32_t i = 0; i < m_hosts; ++i)
    {
        for (uint32_t j = 0; j < m_hosts; ++j)
        {
            for (uint32_t l : (i == j ? std::vector<uint32_t>() : m_paths(i, j)))
            {
                bySender[l][i] = 1;
                byReceiver[l][j] = 1;
            }
        }
    }
    for (size_t l = 0; l < m_links.size(); ++l)
    {
        if (m_access[l] != 0)
        {
            continue;
        }
        double senders = 0;
        double receivers = 0;
        for (uint32_t h = 0; h < m_hosts; ++h)
        {
            senders += bySender[l][h] != 0 ? problem.ingress[h] : 0.0;
            receivers += byReceiver[l][h] != 0 ? problem.egress[h] : 0.0;
        }
        if (capacity[l] < senders && capacity[l] < receivers)
        {
            return false;
        }
    }
    return true;
}

Fabric
MakeBigSwitchFabric(uint32_t n)
{
    Fabric fabric(n);
    const uint32_t hub = fabric.AddSwitch();
    std::vector<uint32_t> up(n);
    std::vector<uint32_t> down(n);
    for (uint32_t h = 0; h < n; ++h)
    {
        AttachHost(fabric, h, hub, 1.0, up, down);
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            if (i != j)
            {
                fabric.SetPath(i, j, {up[i], down[j]});
            }
        }
    }
    fabric.Validate();
    return fabric;
}

void
LeafSpineFabricSpec::Validate() const
{
    if (leaves < 1 || spines < 1 || hostsPerLeaf < 1)
    {
        Fail("LeafSpineFabricSpec: leaves = ",
             leaves,
             ", spines = ",
             spines,
             ", hostsPerLeaf = ",
             hostsPerLeaf,
             " are out of range: each must be >= 1");
    }
    if (static_cast<uint64_t>(leaves) * hostsPerLeaf < 2 ||
        static_cast<uint64_t>(leaves) * hostsPerLeaf > 65535)
    {
        Fail("LeafSpineFabricSpec: leaves x hostsPerLeaf = ",
             static_cast<uint64_t>(leaves) * hostsPerLeaf,
             " is out of range: must be in [2, 65535]");
    }
    CheckRate("LeafSpineFabricSpec: hostRate", hostRate);
    CheckRate("LeafSpineFabricSpec: oversubscription", oversubscription);
}

double
LeafSpineFabricSpec::FabricRate() const
{
    return hostsPerLeaf * hostRate / (spines * oversubscription);
}

Fabric
MakeLeafSpineFabric(const LeafSpineFabricSpec& spec)
{
    spec.Validate();
    const uint32_t n = spec.leaves * spec.hostsPerLeaf;
    Fabric fabric(n);
    std::vector<uint32_t> leaf(spec.leaves);
    std::vector<uint32_t> spine(spec.spines);
    for (auto& node : leaf)
    {
        node = fabric.AddSwitch();
    }
    for (auto& node : spine)
    {
        node = fabric.AddSwitch();
    }
    std::vector<uint32_t> up(n);
    std::vector<uint32_t> down(n);
    for (uint32_t h = 0; h < n; ++h)
    {
        AttachHost(fabric, h, leaf[h / spec.hostsPerLeaf], spec.hostRate, up, down);
    }
    // toSpine(a, s) and fromSpine(s, a), row-major.
    Matrix<uint32_t> toSpine(std::max(spec.leaves, spec.spines));
    Matrix<uint32_t> fromSpine(std::max(spec.leaves, spec.spines));
    for (uint32_t a = 0; a < spec.leaves; ++a)
    {
        for (uint32_t s = 0; s < spec.spines; ++s)
        {
            toSpine(a, s) = fabric.AddLink(leaf[a], spine[s], spec.FabricRate());
            fromSpine(s, a) = fabric.AddLink(spine[s], leaf[a], spec.FabricRate());
        }
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        const uint32_t a = i / spec.hostsPerLeaf;
        const uint32_t s = i % spec.spines;
        for (uint32_t j = 0; j < n; ++j)
        {
            const uint32_t b = j / spec.hostsPerLeaf;
            if (j == i)
            {
                continue;
            }
            fabric.SetPath(
                i,
                j,
                a == b ? std::vector<uint32_t>{up[i], down[j]}
                       : std::vector<uint32_t>{up[i], toSpine(a, s), fromSpine(s, b), down[j]});
        }
    }
    fabric.Validate();
    return fabric;
}

void
FatTreeFabricSpec::Validate() const
{
    if (k < 2 || k % 2 != 0 || k > 80)
    {
        Fail("FatTreeFabricSpec: k = ", k, " is out of range: must be even and in [2, 80]");
    }
    CheckRate("FatTreeFabricSpec: hostRate", hostRate);
    CheckRate("FatTreeFabricSpec: edgeOversubscription", edgeOversubscription);
    CheckRate("FatTreeFabricSpec: aggregationOversubscription", aggregationOversubscription);
}

uint32_t
FatTreeFabricSpec::Hosts() const
{
    return k * k * k / 4;
}

Fabric
MakeFatTreeFabric(const FatTreeFabricSpec& spec)
{
    spec.Validate();
    const uint32_t half = spec.k / 2;
    const uint32_t n = spec.Hosts();
    const double edgeRate = spec.hostRate / spec.edgeOversubscription;
    const double coreRate = edgeRate / spec.aggregationOversubscription;
    Fabric fabric(n);
    // Node ids: edge (pod, e) and aggregation (pod, a) switches, then cores c = a * half + x.
    Matrix<uint32_t> edge(spec.k);
    Matrix<uint32_t> agg(spec.k);
    for (uint32_t pod = 0; pod < spec.k; ++pod)
    {
        for (uint32_t e = 0; e < half; ++e)
        {
            edge(pod, e) = fabric.AddSwitch();
            agg(pod, e) = fabric.AddSwitch();
        }
    }
    std::vector<uint32_t> core(half * half);
    for (auto& node : core)
    {
        node = fabric.AddSwitch();
    }
    std::vector<uint32_t> up(n);
    std::vector<uint32_t> down(n);
    for (uint32_t h = 0; h < n; ++h)
    {
        const uint32_t pod = h / (half * half);
        AttachHost(fabric, h, edge(pod, (h / half) % half), spec.hostRate, up, down);
    }
    // Links by (pod, edge, agg) and (pod, agg, x), both directions.
    std::vector<uint32_t> edgeUp(spec.k * half * half);
    std::vector<uint32_t> edgeDown(spec.k * half * half);
    std::vector<uint32_t> aggUp(spec.k * half * half);
    std::vector<uint32_t> aggDown(spec.k * half * half);
    auto at = [half](uint32_t pod, uint32_t a, uint32_t b) { return (pod * half + a) * half + b; };
    for (uint32_t pod = 0; pod < spec.k; ++pod)
    {
        for (uint32_t a = 0; a < half; ++a)
        {
            for (uint32_t b = 0; b < half; ++b)
            {
                edgeUp[at(pod, a, b)] = fabric.AddLink(edge(pod, a), agg(pod, b), edgeRate);
                edgeDown[at(pod, b, a)] = fabric.AddLink(agg(pod, b), edge(pod, a), edgeRate);
                aggUp[at(pod, a, b)] = fabric.AddLink(agg(pod, a), core[a * half + b], coreRate);
                aggDown[at(pod, a, b)] = fabric.AddLink(core[a * half + b], agg(pod, a), coreRate);
            }
        }
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        const uint32_t pod = i / (half * half);
        const uint32_t e = (i / half) % half;
        const uint32_t a = i % half; // this sender's aggregation switch and core group
        const uint32_t x = e;        // this sender's core within the group
        for (uint32_t j = 0; j < n; ++j)
        {
            const uint32_t pod2 = j / (half * half);
            const uint32_t e2 = (j / half) % half;
            std::vector<uint32_t> path{up[i]};
            if (pod2 != pod)
            {
                path.insert(path.end(),
                            {edgeUp[at(pod, e, a)],
                             aggUp[at(pod, a, x)],
                             aggDown[at(pod2, a, x)],
                             edgeDown[at(pod2, a, e2)]});
            }
            else if (e2 != e)
            {
                path.insert(path.end(), {edgeUp[at(pod, e, a)], edgeDown[at(pod, a, e2)]});
            }
            path.push_back(down[j]);
            if (j != i)
            {
                fabric.SetPath(i, j, std::move(path));
            }
        }
    }
    fabric.Validate();
    return fabric;
}

} // namespace selmcast
} // namespace ns3
