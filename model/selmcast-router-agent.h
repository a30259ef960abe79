/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_ROUTER_AGENT_H
#define SELMCAST_ROUTER_AGENT_H

#include "selmcast-node-routes.h"
#include "selmcast-tree-header.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <utility>

/**
 * \file
 * \ingroup selmcast
 * The agent on a router (or a sender) that applies the controller's tree changes.
 */

namespace ns3
{

class Socket;

/**
 * \ingroup selmcast
 * Receives SelmcastTreeHeader ROUTE messages on its UDP port and writes them into its node's
 * routing (SelmcastNodeRoutes), then acknowledges each to its source. A STOP stops the
 * simulation of its process at the time it names (the end of a run on every MPI rank). The
 * controller changes trees only through these messages, so a router simulated on another MPI rank
 * is changed where it forwards, and one rank and many ranks run the same model.
 *
 * A ROUTE is a state, applied only when its sequence number is above the last applied for the
 * same group and kind: a duplicate (a retransmission whose ACK was lost) or a message overtaken
 * by a newer one changes nothing, and is acknowledged all the same.
 */
class SelmcastRouterAgent : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SelmcastRouterAgent();
    ~SelmcastRouterAgent() override;

    /**
     * \param node a node with an IPv4 stack
     * \return the address the controller sends the node's agent to (the agent listens on all
     *         of them: its first interface after loopback)
     */
    static Ipv4Address AddressOf(Ptr<Node> node);

    /** \return the ROUTE messages applied so far */
    uint64_t GetApplied() const;

    /** \return the packets dropped as malformed or of a foreign type */
    uint64_t GetMalformed() const;

    /**
     * TracedCallback signature of RouteApplied.
     * \param header the ROUTE applied
     */
    typedef void (*AppliedTracedCallback)(const SelmcastTreeHeader& header);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * Socket receive callback: apply and acknowledge every ROUTE.
     * \param socket the agent's socket
     */
    void HandleRead(Ptr<Socket> socket);

    /**
     * Send the ACK of a ROUTE or STOP.
     * \param socket the agent's socket
     * \param header what is acknowledged
     * \param from its source
     */
    void Acknowledge(Ptr<Socket> socket, const SelmcastTreeHeader& header, const Address& from);

    /**
     * Write one ROUTE into the node's routing.
     * \param header a valid ROUTE with a new sequence number
     */
    void Apply(const SelmcastTreeHeader& header);

    uint16_t m_port;             //!< UDP port the agent listens on
    Ptr<Socket> m_socket;        //!< bound to m_port
    SelmcastNodeRoutes m_routes; //!< the node's routing
    std::map<std::pair<uint32_t, uint8_t>, uint32_t> m_lastSequence; //!< (group, kind) to seq
    uint64_t m_applied;                                              //!< ROUTEs applied
    uint64_t m_malformed;                                            //!< packets dropped
    TracedCallback<const SelmcastTreeHeader&> m_appliedTrace;        //!< a ROUTE was applied
};

} // namespace ns3

#endif // SELMCAST_ROUTER_AGENT_H
