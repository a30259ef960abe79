/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_DEVICE_DEMUX_H
#define SELMCAST_DEVICE_DEMUX_H

#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/object.h"

#include <vector>

namespace ns3
{

class ArpL3Protocol;
class Ipv4L3Protocol;

/**
 * \ingroup selmcast
 * One receive handler for IPv4 and one for ARP on all of a node's IPv4 devices, in place of the
 * two that Ipv4L3Protocol::AddInterface registers per device.
 *
 * ns-3 hands every received packet to Node::ReceiveFromDevice, which scans the node's whole
 * handler list, and then to TrafficControlLayer::Receive, which scans its own: on a switch with
 * n ports both lists hold 2n entries, so every packet it receives costs two O(n) scans (and
 * streams both lists through the cache). Install() takes the per-device entries out of the
 * node's list and registers one entry per protocol for all devices, which looks the device up
 * by its index and calls the handler TrafficControlLayer::Receive would have called
 * (Ipv4L3Protocol::Receive or ArpL3Protocol::Receive) with the same arguments: the same calls
 * in the same order, so a run is the same run. Devices added later keep ns-3's own handlers.
 */
class SelmcastDeviceDemux : public Object
{
  public:
    /**
     * \return the TypeId
     */
    static TypeId GetTypeId();

    /**
     * Install on a node whose IPv4 interfaces are all in place.
     * \param node the node
     * \return the demux, or nullptr (the node left as it was) when the node has no IPv4 stack,
     *         has IPv6 interfaces (their handlers cannot be told apart from IPv4's), already
     *         has a demux, or when the attribute Enabled is false by default
     */
    static Ptr<SelmcastDeviceDemux> Install(Ptr<Node> node);

    /**
     * \param device a device of the node
     * \return true when this demux receives the device's IPv4 and ARP packets
     */
    bool Covers(Ptr<const NetDevice> device) const;

  protected:
    void DoDispose() override;

  private:
    /**
     * The node's handler for IPv4 and ARP on every device: what TrafficControlLayer::Receive
     * would call for a covered device.
     * \param device the device
     * \param packet the packet
     * \param protocol the protocol number (IPv4 or ARP)
     * \param from the sender's address
     * \param to the destination address
     * \param type the packet type
     */
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType type);

    bool m_enabled{true};            //!< Install() installs (attribute Enabled)
    std::vector<bool> m_covered;     //!< by device index: its handlers were replaced
    Ipv4L3Protocol* m_ipv4{nullptr}; //!< the node's IPv4 (not owned: aggregated to the node)
    ArpL3Protocol* m_arp{nullptr};   //!< the node's ARP (not owned: aggregated to the node)
};

} // namespace ns3

#endif // SELMCAST_DEVICE_DEMUX_H
