/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-routing-helper.h"

#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/selmcast-routing.h"

namespace ns3
{

SelmcastRoutingHelper::SelmcastRoutingHelper()
{
}

SelmcastRoutingHelper*
SelmcastRoutingHelper::Copy() const
{
    return new SelmcastRoutingHelper(*this);
}

Ptr<Ipv4RoutingProtocol>
SelmcastRoutingHelper::Create(Ptr<Node> node) const
{
    Ptr<SelmcastRouting> routing = CreateObject<SelmcastRouting>();
    routing->AddRoutingProtocol(Ipv4StaticRoutingHelper().Create(node), 0);
    routing->AddRoutingProtocol(Ipv4GlobalRoutingHelper().Create(node), -10);
    return routing;
}

Ptr<SelmcastRouting>
SelmcastRoutingHelper::GetRouting(Ptr<Ipv4> ipv4)
{
    return ipv4 ? DynamicCast<SelmcastRouting>(ipv4->GetRoutingProtocol()) : nullptr;
}

} // namespace ns3
