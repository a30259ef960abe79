/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-rank-policy.h"

#include "ns3/abort.h"
#include "ns3/node.h"
#include "ns3/selmcast-args.h"

#ifdef SELMCAST_HAVE_MPI
#include "ns3/mpi-interface.h"
#endif

#include <sstream>

namespace ns3
{

SelmcastRankPolicy::SelmcastRankPolicy()
    : m_kind(BY_LEAF),
      m_ranks(1)
{
}

std::string
SelmcastRankPolicy::Parse(const std::string& text, uint32_t ranks, SelmcastRankPolicy& policy)
{
    const std::string count =
        ranks == ANY_RANKS ? "R, the ranks mpirun starts" : "R = " + std::to_string(ranks);
    const std::string allowed =
        "allowed: leaf, round-robin or list:r0,r1,... (one rank in [0, R) per worker, " + count +
        ")";
    if (ranks < 1)
    {
        return "ranks = 0 must be >= 1";
    }
    SelmcastRankPolicy p;
    p.m_ranks = ranks;
    if (text == "leaf" || text == "round-robin")
    {
        p.m_kind = text == "leaf" ? BY_LEAF : ROUND_ROBIN;
        policy = p;
        return "";
    }
    if (text.rfind("list:", 0) != 0)
    {
        return "--partition = \"" + text + "\", " + allowed;
    }
    p.m_kind = LIST;
    std::stringstream items(text.substr(5));
    std::string item;
    while (std::getline(items, item, ','))
    {
        uint64_t rank = 0;
        std::string error = SelmcastArgs::ParseUnsigned(item, 0, uint64_t(ranks) - 1, rank);
        if (!error.empty())
        {
            return "--partition list item \"" + item + "\", " + allowed;
        }
        p.m_list.push_back(static_cast<uint32_t>(rank));
    }
    if (p.m_list.empty())
    {
        return "--partition = \"" + text + "\": the list is empty, " + allowed;
    }
    policy = p;
    return "";
}

std::string
SelmcastRankPolicy::Validate(uint32_t nWorkers) const
{
    if (m_kind == LIST && m_list.size() != nWorkers)
    {
        return "--partition list has " + std::to_string(m_list.size()) +
               " ranks, allowed: one per worker (" + std::to_string(nWorkers) + ")";
    }
    return "";
}

uint32_t
SelmcastRankPolicy::GetRanks() const
{
    return m_ranks;
}

SelmcastRankPolicy::Kind
SelmcastRankPolicy::GetKind() const
{
    return m_kind;
}

uint32_t
SelmcastRankPolicy::WorkerRank(uint32_t worker, uint32_t leaf) const
{
    switch (m_kind)
    {
    case LIST:
        return m_list.at(worker);
    case ROUND_ROBIN:
        return worker % m_ranks;
    default:
        return leaf % m_ranks;
    }
}

uint32_t
SelmcastRankPolicy::LeafRank(uint32_t leaf, uint32_t firstWorker) const
{
    return m_kind == LIST ? m_list.at(firstWorker) : leaf % m_ranks;
}

uint32_t
SelmcastRankPolicy::SpineRank(uint32_t spine) const
{
    return spine % m_ranks;
}

Ptr<Node>
SelmcastRankPolicy::CreateNode(uint32_t rank) const
{
    NS_ABORT_MSG_IF(rank >= m_ranks,
                    "SelmcastRankPolicy: rank " << rank << " of " << m_ranks << " ranks");
    return CreateObject<Node>(rank);
}

bool
SelmcastRankPolicy::IsLocal(Ptr<const Node> node)
{
#ifdef SELMCAST_HAVE_MPI
    if (MpiInterface::IsEnabled())
    {
        return node->GetSystemId() == MpiInterface::GetSystemId();
    }
#endif
    return true;
}

uint32_t
SelmcastRankPolicy::LocalRank()
{
#ifdef SELMCAST_HAVE_MPI
    if (MpiInterface::IsEnabled())
    {
        return MpiInterface::GetSystemId();
    }
#endif
    return 0;
}

} // namespace ns3
