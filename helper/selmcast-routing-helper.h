/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_ROUTING_HELPER_H
#define SELMCAST_ROUTING_HELPER_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/ptr.h"

/**
 * \file
 * \ingroup selmcast
 * Installs SelmcastRouting through InternetStackHelper::SetRoutingHelper.
 */

namespace ns3
{

class SelmcastRouting;
class Ipv4;

/**
 * \ingroup selmcast
 * Creates a SelmcastRouting per node with ns-3's static (priority 0) and global (-10) routing in
 * its list, the same two protocols InternetStackHelper installs by default: a node built with it
 * behaves like a default ns-3 node for anything the module's tables do not hold.
 *
 * \code
 *   InternetStackHelper stack;
 *   stack.SetRoutingHelper(SelmcastRoutingHelper());
 *   stack.Install(nodes);
 * \endcode
 */
class SelmcastRoutingHelper : public Ipv4RoutingHelper
{
  public:
    SelmcastRoutingHelper();

    /** \return a copy of this helper (InternetStackHelper keeps its own) */
    SelmcastRoutingHelper* Copy() const override;

    /**
     * \param node the node to route for
     * \return a new SelmcastRouting with static and global routing in its list
     */
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /**
     * \param ipv4 a node's IPv4 stack
     * \return its SelmcastRouting, or null when the node routes otherwise
     */
    static Ptr<SelmcastRouting> GetRouting(Ptr<Ipv4> ipv4);
};

} // namespace ns3

#endif // SELMCAST_ROUTING_HELPER_H
