/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_RATE_METER_H
#define SELMCAST_RATE_METER_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <deque>
#include <set>
#include <utility>

/**
 * \file
 * \ingroup selmcast
 * What a worker measures on its own access link: the traffic that is not SELMCAST's.
 */

namespace ns3
{

class Packet;
class PointToPointNetDevice;

/**
 * \ingroup selmcast
 * Counts the frames that leave (ingress direction, host to router) and arrive at (egress) one
 * point-to-point device and are not SELMCAST's own (UDP to or from one of the own ports), over a
 * sliding window ending now. Frames are counted whole (PPP, IP and transport headers), at the
 * time their last bit leaves (PhyTxEnd) or arrives (PhyRxEnd), as the link's rate counts them.
 */
class SelmcastRateMeter : public Object
{
  public:
    /** The two directions of a host's access link. */
    enum Direction
    {
        SENT,    //!< host to router: the ingress port b^I
        RECEIVED //!< router to host: the egress port b^E
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SelmcastRateMeter();

    /**
     * Start counting on a device.
     * \param device the host's end of its access link
     * \param ownPorts the UDP ports of SELMCAST's own traffic (data, control, tree messages)
     */
    void Install(Ptr<PointToPointNetDevice> device, const std::set<uint16_t>& ownPorts);

    /**
     * \param direction sent or received
     * \return the bit rate of the other traffic over the last Window (bits of the frames whose
     *         last bit passed in (now - Window, now], over Window)
     */
    double GetOtherBps(Direction direction);

    /**
     * \param packet a frame as the device's Phy traces give it (PPP header first)
     * \param ownPorts SELMCAST's UDP ports
     * \return true when it is a UDP datagram to or from one of them
     */
    static bool IsOwn(Ptr<const Packet> packet, const std::set<uint16_t>& ownPorts);

  protected:
    void DoDispose() override;

  private:
    /**
     * Count one frame.
     * \param direction its direction
     * \param packet the frame
     */
    void Count(Direction direction, Ptr<const Packet> packet);

    /**
     * Forget the frames older than the window.
     * \param direction the direction
     */
    void Expire(Direction direction);

    Time m_window;                                   //!< the measurement window
    std::set<uint16_t> m_ownPorts;                   //!< SELMCAST's UDP ports
    Ptr<PointToPointNetDevice> m_device;             //!< the device counted on
    std::deque<std::pair<Time, uint32_t>> m_seen[2]; //!< per direction: (time, bytes)
    uint64_t m_bytes[2]{0, 0};                       //!< per direction: bytes in m_seen
};

} // namespace ns3

#endif // SELMCAST_RATE_METER_H
