/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_BURST_ERROR_MODEL_H
#define SELMCAST_BURST_ERROR_MODEL_H

#include "ns3/error-model.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"

/**
 * \file
 * \ingroup selmcast
 * Bursty packet loss: a two-state (Gilbert-Elliott) error model.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Packet loss in bursts: a two-state Markov chain (Gilbert-Elliott with a loss-free good state
 * and an all-loss bad state) that moves once per packet. In the bad state every packet is lost,
 * and the chain leaves it with probability 1 / MeanBurst per packet, so bursts are
 * geometrically distributed with mean MeanBurst packets; it enters the bad state with the
 * probability that makes LossRate the long-run share of lost packets. (ns-3's BurstErrorModel
 * draws burst sizes from a random variable but sets the share lost only indirectly.)
 *
 * With a SlotTime above 0 the chain also moves with time: a packet that arrives k slots after the
 * previous one sees the chain k steps on, so a burst lasts MeanBurst slots of a busy link and a
 * sparse flow (polls at millisecond spacing) meets independent losses, as on a link whose noise
 * comes in bursts of time. With SlotTime 0 (default) the chain moves once per packet whatever the
 * time between packets, so a burst that catches the last data packet also takes the next
 * MeanBurst packets however late they come.
 */
class SelmcastBurstErrorModel : public ErrorModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SelmcastBurstErrorModel();

    /**
     * \param stream first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /** \return packets lost so far */
    uint64_t GetDropped() const;
    /** \return packets looked at so far */
    uint64_t GetSeen() const;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    double m_lossRate;                    //!< long-run share of packets lost
    double m_meanBurst;                   //!< mean burst length, packets
    Time m_slot;                          //!< one step of the chain in time (0: per packet)
    Time m_lastPacket;                    //!< when the previous packet was looked at
    bool m_seenAny{false};                //!< a packet was looked at
    bool m_bad{false};                    //!< in the loss state
    uint64_t m_dropped{0};                //!< packets lost
    uint64_t m_seen{0};                   //!< packets looked at
    Ptr<UniformRandomVariable> m_uniform; //!< transitions
};

} // namespace ns3

#endif /* SELMCAST_BURST_ERROR_MODEL_H */
