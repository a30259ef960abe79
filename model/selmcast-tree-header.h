/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TREE_HEADER_H
#define SELMCAST_TREE_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The wire format of tree changes: the controller tells a router's (or sender's) agent what one
 * group's route on that node must be, and the agent acknowledges.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * One tree-change message or its acknowledgement.
 *
 * Layout (network byte order): magic "ST" (2) | version (1) | type (1) | kind (1) | count (1) |
 * sequence (4) | group (4), then for a ROUTE: origin (4) | input (4) | count outputs (4 each);
 * for a STOP: the absolute stop time in ns (8).
 *
 * A ROUTE carries the whole state of one group on one node, not a delta: count = 0 means "no
 * route for this group here". So a repeated or late message cannot corrupt a table: the agent
 * applies a ROUTE only when its sequence number is above the last one it applied for that group
 * and kind, and acknowledges every ROUTE it reads (the ACK echoes sequence, kind and group).
 * - kind MULTICAST: forward the group's packets arriving on input to the outputs (a router);
 * - kind SENDER: the node's own packets to the group leave on outputs[0] (the sender's uplink;
 *   input is unused).
 */
class SelmcastTreeHeader : public Header
{
  public:
    static constexpr uint16_t MAGIC = 0x5354;   //!< "ST"
    static constexpr uint8_t VERSION = 1;       //!< the only version understood
    static constexpr uint32_t PREFIX_SIZE = 14; //!< every message
    static constexpr uint32_t ROUTE_FIXED = 8;  //!< origin and input
    static constexpr uint32_t STOP_BODY = 8;    //!< the stop time
    static constexpr uint8_t MAX_OUTPUTS = 255; //!< most output interfaces per route

    /** The message types (wire values). */
    enum Type : uint8_t
    {
        ROUTE = 1, //!< controller -> agent: the group's route on this node
        ACK = 2,   //!< agent -> controller: that ROUTE (or STOP) was read
        STOP = 3,  //!< controller -> agent: the run ends at the time given (every MPI rank)
    };

    /** What kind of route a ROUTE sets. */
    enum Kind : uint8_t
    {
        MULTICAST = 1, //!< a router's (group, input) -> outputs
        SENDER = 2,    //!< a sender's own packets to the group
    };

    /** An ACK of sequence 0 for a MULTICAST route of 0.0.0.0: set the fields before use. */
    SelmcastTreeHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Reads and validates the header; never reads past the end of the buffer. On short or
     * invalid input (foreign magic, other version, unknown type or kind, fewer bytes than the
     * outputs announced, an ACK with outputs) IsValid() becomes false.
     * \param start where the header starts
     * \return the number of bytes read
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /** \return true when the last Deserialize read a well-formed message */
    bool IsValid() const;

    /** \param type ROUTE or ACK */
    void SetType(Type type);
    /** \return the type */
    Type GetType() const;
    /** \param kind MULTICAST or SENDER */
    void SetKind(Kind kind);
    /** \return the kind */
    Kind GetKind() const;
    /** \param sequence the controller's message number (per controller, increasing) */
    void SetSequence(uint32_t sequence);
    /** \return the sequence number */
    uint32_t GetSequence() const;
    /** \param group the tree's group */
    void SetGroup(Ipv4Address group);
    /** \return the group */
    Ipv4Address GetGroup() const;
    /** \param origin the sender's address (ns-3's static multicast routes are keyed by it) */
    void SetOrigin(Ipv4Address origin);
    /** \return the origin */
    Ipv4Address GetOrigin() const;
    /** \param input the Ipv4 interface the group's packets arrive on (MULTICAST) */
    void SetInput(uint32_t input);
    /** \return the input interface */
    uint32_t GetInput() const;
    /** \param outputs the Ipv4 interfaces the packets leave on; empty: no route (at most 255) */
    void SetOutputs(const std::vector<uint32_t>& outputs);
    /** \return the output interfaces */
    const std::vector<uint32_t>& GetOutputs() const;
    /** \param at when the simulation stops (STOP), absolute */
    void SetStopTime(Time at);
    /** \return the stop time */
    Time GetStopTime() const;

  private:
    bool m_valid;                    //!< the last Deserialize succeeded
    Type m_type;                     //!< ROUTE or ACK
    Kind m_kind;                     //!< MULTICAST or SENDER
    uint32_t m_sequence;             //!< message number
    Ipv4Address m_group;             //!< the tree's group
    Ipv4Address m_origin;            //!< the sender's address (ROUTE)
    uint32_t m_input;                //!< input interface (ROUTE, MULTICAST)
    std::vector<uint32_t> m_outputs; //!< output interfaces (ROUTE)
    Time m_stopTime;                 //!< STOP: when the run ends
};

} // namespace ns3

#endif // SELMCAST_TREE_HEADER_H
