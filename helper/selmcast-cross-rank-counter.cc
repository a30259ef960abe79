/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-cross-rank-counter.h"

#include "selmcast-distributed.h"
#include "selmcast-link-stats.h"

#include "ns3/channel.h"
#include "ns3/point-to-point-net-device.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

void
SelmcastCrossRankCounter::Install(Ptr<SelmcastTopology> topology)
{
    for (const auto& named : SelmcastNamedNodes(topology))
    {
        Ptr<Node> node = named.first;
        if (!SelmcastRankPolicy::IsLocal(node))
        {
            continue; // its frames are counted by the rank that simulates it
        }
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            Ptr<NetDevice> device = DynamicCast<PointToPointNetDevice>(node->GetDevice(d));
            if (!device || !device->GetChannel())
            {
                continue;
            }
            Ptr<Channel> link = device->GetChannel();
            bool crossRank = false;
            for (std::size_t end = 0; end < link->GetNDevices(); ++end)
            {
                crossRank |= link->GetDevice(end)->GetNode()->GetSystemId() != node->GetSystemId();
            }
            device->TraceConnectWithoutContext(
                "PhyTxEnd",
                MakeCallback(&SelmcastCrossRankCounter::Count, this).Bind(crossRank));
        }
    }
}

void
SelmcastCrossRankCounter::Count(bool crossRank, Ptr<const Packet> /* frame */)
{
    ++m_transmissions;
    m_crossRank += crossRank ? 1 : 0;
}

SelmcastCrossRankCounter::Totals
SelmcastCrossRankCounter::SumOverRanks() const
{
    Totals totals;
    totals.transmissions = SelmcastDistributed::SumOverRanks(static_cast<double>(m_transmissions));
    totals.crossRank = SelmcastDistributed::SumOverRanks(static_cast<double>(m_crossRank));
    return totals;
}

std::string
SelmcastCrossRankCounter::Describe(const Totals& totals)
{
    std::ostringstream os;
    os << "cross-rank messages " << static_cast<uint64_t>(totals.crossRank) << " of "
       << static_cast<uint64_t>(totals.transmissions) << " link transmissions (" << std::fixed
       << std::setprecision(2)
       << (totals.transmissions > 0 ? 100 * totals.crossRank / totals.transmissions : 0) << " %)";
    return os.str();
}

} // namespace ns3
