/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TREE_MESSENGER_H
#define SELMCAST_TREE_MESSENGER_H

#include "selmcast-tree-header.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <map>
#include <tuple>

/**
 * \file
 * \ingroup selmcast
 * The controller's side of tree changes: ROUTE messages to the agents, resent until acknowledged.
 */

namespace ns3
{

class Node;
class Socket;

/**
 * \ingroup selmcast
 * Sends SelmcastTreeHeader ROUTE messages from the controller's node to the agents
 * (SelmcastRouterAgent) over the network, numbers them, resends each every RetransmitTimeout
 * until its ACK arrives, and then calls the caller back. A newer ROUTE for the same node, group
 * and kind supersedes an older one still unacknowledged: the older is no longer resent and its
 * callback is never called (the agent would not apply it after the newer one anyway).
 */
class SelmcastTreeMessenger : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SelmcastTreeMessenger();
    ~SelmcastTreeMessenger() override;

    /**
     * Open the socket on the controller's node (any free port: the ACKs come back to it).
     * \param node the node the messages leave from
     */
    void Start(Ptr<Node> node);

    /** Close the socket and stop resending; callbacks still due are dropped. */
    void Stop();

    /**
     * Send a ROUTE (its sequence number is set here).
     * \param agent the address of the agent's node
     * \param route the route state, type ROUTE
     * \param acked called once, when the ACK of this message arrives
     */
    void Send(Ipv4Address agent, SelmcastTreeHeader route, std::function<void()> acked);

    /**
     * Send a message once, without waiting for its ACK (a STOP at the end of a run).
     * \param agent the address of the agent's node
     * \param message the message, any type but ACK
     */
    void SendOnce(Ipv4Address agent, SelmcastTreeHeader message);

    /** \return the ROUTE transmissions so far, first sends and resends */
    uint64_t GetTransmissions() const;

    /** \return the ROUTE messages sent and not yet acknowledged (superseded ones excluded) */
    uint32_t GetNPending() const;

    /**
     * TracedCallback signature of MessageSent and AckReceived.
     * \param agent the agent's address
     * \param header the ROUTE sent, or the ACK received
     */
    typedef void (*MessageTracedCallback)(Ipv4Address agent, const SelmcastTreeHeader& header);

  protected:
    void DoDispose() override;

  private:
    /// One ROUTE waiting for its ACK.
    struct Pending
    {
        Ipv4Address agent;           //!< where it goes
        SelmcastTreeHeader route;    //!< what it says
        std::function<void()> acked; //!< the caller's callback
        EventId resend;              //!< the next resend
    };

    /// What a newer ROUTE supersedes: same agent, group and kind.
    typedef std::tuple<uint32_t, uint32_t, uint8_t> Key;

    /**
     * Send one pending ROUTE (again) and schedule the next resend.
     * \param sequence its sequence number
     */
    void Transmit(uint32_t sequence);

    /**
     * Socket receive callback: match ACKs to pending ROUTEs.
     * \param socket the messenger's socket
     */
    void HandleRead(Ptr<Socket> socket);

    uint16_t m_agentPort;                  //!< the agents' UDP port
    Time m_retransmitTimeout;              //!< time between resends of an unacknowledged ROUTE
    Ptr<Socket> m_socket;                  //!< on the controller's node
    uint32_t m_sequence;                   //!< last sequence number used
    uint64_t m_transmissions;              //!< ROUTE packets sent
    std::map<uint32_t, Pending> m_pending; //!< by sequence number
    std::map<Key, uint32_t> m_latest;      //!< newest pending sequence per agent, group, kind
    /// A ROUTE was sent (first time or again).
    TracedCallback<Ipv4Address, const SelmcastTreeHeader&> m_sentTrace;
    /// The ACK of a pending ROUTE arrived.
    TracedCallback<Ipv4Address, const SelmcastTreeHeader&> m_ackTrace;
};

} // namespace ns3

#endif // SELMCAST_TREE_MESSENGER_H
