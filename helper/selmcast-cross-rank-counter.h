/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_CROSS_RANK_COUNTER_H
#define SELMCAST_CROSS_RANK_COUNTER_H

#include "selmcast-topology-helper.h"

#include "ns3/packet.h"

#include <cstdint>
#include <string>

/**
 * \file
 * \ingroup selmcast
 * What a distributed run sends between ranks: one MPI message per frame on a cross-rank link.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Counts, on each rank, the frames its point-to-point devices transmit (PhyTxEnd), and among
 * them those whose link ends on a node of another rank: each of those is one MPI message
 * (ns-3's remote channel sends every frame as one message), whatever the synchronizer adds.
 */
class SelmcastCrossRankCounter
{
  public:
    /** The counts summed over every rank. */
    struct Totals
    {
        double transmissions{0}; //!< frames sent by every point-to-point device
        double crossRank{0};     //!< of these, frames to a node of another rank
    };

    /**
     * Connect to the point-to-point devices of this rank's nodes.
     * \param topology the built network
     */
    void Install(Ptr<SelmcastTopology> topology);

    /**
     * Sum the counts over every rank (collective: every rank must call it, in the same order
     * as the other sums over ranks).
     * \return the totals
     */
    Totals SumOverRanks() const;

    /**
     * \param totals the summed counts
     * \return one line for the example's output
     */
    static std::string Describe(const Totals& totals);

  private:
    /**
     * PhyTxEnd sink.
     * \param crossRank whether the device's link ends on another rank's node
     * \param packet the frame
     */
    void Count(bool crossRank, Ptr<const Packet> packet);

    uint64_t m_transmissions{0}; //!< this rank's frames
    uint64_t m_crossRank{0};     //!< this rank's frames to another rank
};

} // namespace ns3

#endif // SELMCAST_CROSS_RANK_COUNTER_H
