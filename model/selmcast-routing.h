/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_ROUTING_H
#define SELMCAST_ROUTING_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-route.h"

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The module's IPv4 forwarding: constant-time lookups for what selmcast carries, ns-3's own
 * routing for everything else.
 */

namespace ns3
{

class Ipv4StaticRouting;

/**
 * \ingroup selmcast
 * An Ipv4ListRouting whose own tables are hash maps: multicast trees keyed by (group, incoming
 * interface), unicast routes keyed by destination, and the node's own addresses as a set, so that
 * the cost of forwarding or delivering a packet does not grow with the number of interfaces or
 * routes of the node (ns-3's static routing scans its route lists, and its list routing scans
 * every interface's addresses for local delivery under the weak end-system model).
 *
 * What the tables do not answer goes to the routing protocols of the list (by default ns-3's
 * static and global routing, as InternetStackHelper installs them), so anything a user adds
 * (background traffic, other applications, Ipv4StaticRoutingHelper routes) works as on any ns-3
 * node. Ipv4StaticRoutingHelper::GetStaticRouting finds the static routing inside it.
 *
 * Forwarding decisions are those ns-3 would take with the same routes: the multicast tables hold
 * what SelmcastTreeManager would otherwise install as static multicast routes, and the unicast
 * table is a snapshot of the list's own answers (SnapshotUnicastRoutes), taken again after every
 * interface or address change. One difference, on purpose: a multicast packet that a node
 * forwards by its own table is not also delivered locally unless MulticastLocalDelivery is set
 * (ns-3 hands every multicast packet to the local stack as well; routers run no application).
 */
class SelmcastRouting : public Ipv4ListRouting
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SelmcastRouting();
    ~SelmcastRouting() override;

    /**
     * Forward packets of group arriving on input to the output interfaces, replacing any entry
     * for the same (group, input).
     * \param group a multicast address
     * \param input Ipv4 interface the packets arrive on
     * \param outputs Ipv4 interfaces they leave on (not empty)
     */
    void AddMulticastRoute(Ipv4Address group, uint32_t input, const std::vector<uint32_t>& outputs);

    /**
     * \param group a multicast address
     * \param input Ipv4 interface
     * \return true when an entry for (group, input) existed and was removed
     */
    bool RemoveMulticastRoute(Ipv4Address group, uint32_t input);

    /**
     * Send this node's own packets to group out of one interface (a sender's route to its tree).
     * \param group a multicast address
     * \param interface Ipv4 interface to send on
     */
    void AddGroupRoute(Ipv4Address group, uint32_t interface);

    /**
     * \param group a multicast address
     * \return true when a group route existed and was removed
     */
    bool RemoveGroupRoute(Ipv4Address group);

    /**
     * Answer unicast packets to these destinations from a table instead of asking the list's
     * protocols for every packet: the list's answer for each is looked up now and again after
     * every interface or address change. Call it again after changing ns-3's unicast routes by
     * other means (Ipv4GlobalRoutingHelper::RecomputeRoutingTables, static routes added later).
     * \param destinations the addresses to keep routes for (replaces the previous set)
     */
    void SnapshotUnicastRoutes(const std::vector<Ipv4Address>& destinations);

    /** \return the number of (group, input) multicast entries */
    uint32_t GetNMulticastRoutes() const;

    /** \return the number of destinations answered from the unicast table */
    uint32_t GetNUnicastRoutes() const;

    /** \return the number of group routes of this node's own packets */
    uint32_t GetNGroupRoutes() const;

    // From Ipv4RoutingProtocol, through Ipv4ListRouting.
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void AddRoutingProtocol(Ptr<Ipv4RoutingProtocol> routingProtocol, int16_t priority) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /** Rebuild the set of local addresses and the unicast snapshot after a change. */
    void Refresh();

    /**
     * \param group multicast group
     * \param input incoming interface
     * \return the key of the multicast table
     */
    static uint64_t Key(Ipv4Address group, uint32_t input);

    /**
     * \return true when ns-3's list would only hand a multicast packet up: its protocols are
     *         one static and any global routing, and the static routing has no multicast route
     */
    bool OnlyDeliversMulticast() const;

    Ptr<Ipv4> m_ipv4;                                //!< the node's IPv4 stack
    Ptr<Ipv4StaticRouting> m_static;                 //!< the list's static routing, if any
    bool m_onlyStaticAndGlobal{true};                //!< the list holds nothing else
    bool m_multicastLocalDelivery;                   //!< also deliver forwarded multicast locally
    std::unordered_set<uint32_t> m_localAddresses;   //!< this node's unicast addresses
    std::vector<Ipv4Address> m_snapshotDestinations; //!< what SnapshotUnicastRoutes was given
    std::unordered_map<uint32_t, Ptr<Ipv4Route>> m_unicast;            //!< destination to route
    std::unordered_map<uint64_t, Ptr<Ipv4MulticastRoute>> m_multicast; //!< (group, input)
    std::unordered_map<uint32_t, Ptr<Ipv4Route>> m_groupRoutes; //!< group to own-packet route
};

} // namespace ns3

#endif // SELMCAST_ROUTING_H
