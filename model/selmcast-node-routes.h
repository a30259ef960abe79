/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_NODE_ROUTES_H
#define SELMCAST_NODE_ROUTES_H

#include "selmcast-routing.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The multicast-tree routes of one node, written into whatever routing the node has.
 */

namespace ns3
{

class Node;

/**
 * \ingroup selmcast
 * Sets the route of a group on one node, as a state ("this group's packets go there", or
 * "nothing"), into the node's SelmcastRouting when it has one, else into ns-3's static routing
 * (a topology built with Routing=Ns3). Both the tree manager (writing directly) and the router
 * agent (applying a message) use it, so both write the same entries the same way.
 *
 * ns-3's static lookup takes the first entry matching (group, input interface): the old entry of
 * a group is removed before its replacement is added.
 */
class SelmcastNodeRoutes
{
  public:
    /** Routes of no node: Attach before use. */
    SelmcastNodeRoutes() = default;

    /**
     * \param node a node with an IPv4 stack (aborts when it has neither kind of routing)
     */
    explicit SelmcastNodeRoutes(Ptr<Node> node);

    /**
     * Make the group's packets arriving on input leave on outputs, replacing the group's
     * previous route on this node; empty outputs remove it.
     * \param group the tree's group
     * \param origin the sender's address (ns-3's static routing keys routes by it)
     * \param input the Ipv4 interface the packets arrive on
     * \param outputs the Ipv4 interfaces they leave on
     */
    void SetMulticast(Ipv4Address group,
                      Ipv4Address origin,
                      uint32_t input,
                      const std::vector<uint32_t>& outputs);

    /**
     * Let this node's own packets to group leave on interface (add), or stop them.
     * \param group the tree's group
     * \param interface the uplink's Ipv4 interface
     * \param add true to add the route, false to remove it
     */
    void SetSender(Ipv4Address group, uint32_t interface, bool add);

    /** \return the number of groups with a multicast route on this node */
    uint32_t GetNMulticast() const;

  private:
    /// What is installed for one group: needed to remove it from ns-3's static routing.
    struct Installed
    {
        Ipv4Address origin; //!< the route's origin
        uint32_t input{0};  //!< its input interface
    };

    Ptr<SelmcastRouting> m_selmcast;              //!< the module's tables, or null
    Ptr<Ipv4StaticRouting> m_ns3;                 //!< static routing, used when m_selmcast is null
    std::map<Ipv4Address, Installed> m_installed; //!< the group routes installed here
    std::set<Ipv4Address> m_senders;              //!< groups of this node's own packets
};

} // namespace ns3

#endif // SELMCAST_NODE_ROUTES_H
