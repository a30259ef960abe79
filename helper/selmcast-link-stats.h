/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_LINK_STATS_H
#define SELMCAST_LINK_STATS_H

#include "selmcast-topology-helper.h"

#include "ns3/packet.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Transmissions per link of a run, split into data and control (--linkStats).
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * \return every node of the topology with its role name (worker3, router0, controller)
 * \param topology the built network
 */
std::vector<std::pair<Ptr<Node>, std::string>> SelmcastNamedNodes(Ptr<SelmcastTopology> topology);

/**
 * \ingroup selmcast
 * Transmissions and bytes of one class of traffic.
 */
struct SelmcastLinkCount
{
    uint64_t transmissions{0}; //!< PhyTxEnd events
    uint64_t bytes{0};         //!< their sizes, PPP header included
};

/**
 * \ingroup selmcast
 * Counts every point-to-point transmission (PhyTxEnd) of a run per device, split into control
 * (UDP to or from the control port: READY, ASSIGN, RATE, PRUNE, DONE, START, HEARTBEAT, ...)
 * and data (everything else: segments, repairs, ACKs, NACKs, any other traffic), and writes
 * them as CSV when the simulator is destroyed. It reads each packet's headers, so it costs
 * time per transmission: a measurement option, off by default. It must outlive the run
 * (SelmcastRunCapture keeps it until Simulator::Destroy, and writes the CSV then).
 *
 * CSV columns: role, node, device, data_tx, data_bytes, control_tx, control_bytes; a last row
 * with role "total".
 */
class SelmcastLinkStats
{
  public:
    /** One device's counters. */
    struct Device
    {
        std::string role;          //!< the node's role name
        uint32_t node;             //!< node id
        uint32_t device;           //!< device index on the node
        SelmcastLinkCount data;    //!< data transmissions
        SelmcastLinkCount control; //!< control transmissions
    };

    /**
     * Connect to every point-to-point device of the topology.
     * \param topology the built network
     * \param controlPort the control path's UDP port (SelmcastController::ControlPort)
     */
    void Install(Ptr<SelmcastTopology> topology, uint16_t controlPort);

    /**
     * \param path the CSV file to write
     * \return an empty string, or why the file cannot be written
     */
    std::string Write(const std::string& path) const;

    /**
     * \param node a node id
     * \param device a device index on that node
     * \return that device's counters, or nullptr when it is not counted
     */
    const Device* Find(uint32_t node, uint32_t device) const;

    /** \return data transmissions over every device */
    SelmcastLinkCount GetData() const;

    /** \return control transmissions over every device */
    SelmcastLinkCount GetControl() const;

  private:
    /**
     * PhyTxEnd sink.
     * \param index the device's index in m_devices
     * \param packet the transmitted frame
     */
    void Count(size_t index, Ptr<const Packet> packet);

    /**
     * \param which the data or the control counters of a device
     * \return their sum over every device
     */
    SelmcastLinkCount Sum(SelmcastLinkCount Device::*which) const;

    uint16_t m_controlPort{0};     //!< the control path's UDP port
    std::vector<Device> m_devices; //!< every counted device
};

} // namespace ns3

#endif /* SELMCAST_LINK_STATS_H */
