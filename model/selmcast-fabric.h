/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_H
#define SELMCAST_FABRIC_H

#include "selmcast-problem.h"

#include <cstdint>
#include <limits>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * A plain C++ description of the fabric the multicast trees use (issue 11, part 3): directed links
 * with capacities and, for every (sender, receiver), the links of the path the sender's tree uses
 * to reach that receiver. No simulator types: the topology-aware selector and the generalized
 * t(X) read it; a topology helper can fill it from the routes it installs.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * One directed link between two nodes of a Fabric.
 */
struct FabricLink
{
    uint32_t from{0};   //!< node the bytes leave
    uint32_t to{0};     //!< node the bytes enter
    double capacity{0}; //!< rate, in the unit of the problem's bandwidths, finite and > 0
};

/**
 * \ingroup selmcast
 * Hosts (nodes 0 .. n - 1, host i is worker i) and switches (nodes n and up) joined by directed
 * links, and one path per ordered pair of hosts.
 *
 * The tree of sender i for a receiver set S is the union of the paths i -> j, j in S: under L3
 * every link of that union carries v_i once (the fabric replicates where paths part), under L7
 * every path carries its own copy. Validate checks what makes the union a tree for every S:
 * - each path runs from host i to host j over contiguous links, through switches only, without
 *   visiting a node twice;
 * - each host is single-homed as the paths see it: all paths from i start with one link (its
 *   uplink, the port b^I_i) and all paths into j end with one link (its downlink, b^E_j);
 * - the paths of one sender enter every node over one link only (in the union of i's paths no
 *   node has two incoming links). Two paths of i that meet at a node then share their whole
 *   prefix up to it, so every union is an arborescence rooted at i: the one incoming interface
 *   per (source, group) that IP multicast forwarding (RPF) gives a router.
 *
 * The access links (uplinks and downlinks) stand for the paper's ports: the generalized t(X)
 * takes their capacities from the Problem (b^I_i, b^E_j, what the controller knows is available)
 * and the capacities of all other links from here.
 */
class Fabric
{
  public:
    /** Marker for "no link". */
    static constexpr uint32_t NO_LINK = std::numeric_limits<uint32_t>::max();

    /**
     * \param hosts the number of hosts n (>= 2); nodes 0 .. n - 1
     */
    explicit Fabric(uint32_t hosts = 0);

    /** \return a new switch node's id (n, n + 1, ...) */
    uint32_t AddSwitch();

    /**
     * \param from node the bytes leave
     * \param to node the bytes enter
     * \param capacity the link's rate
     * \return the new link's id (0, 1, ...)
     */
    uint32_t AddLink(uint32_t from, uint32_t to, double capacity);

    /**
     * Set the path of the tree of sender i toward receiver j.
     * \param i sender host
     * \param j receiver host, != i
     * \param links link ids from host i to host j, in order
     */
    void SetPath(uint32_t i, uint32_t j, std::vector<uint32_t> links);

    /**
     * Check the links and the paths (see the class description) and record the access links.
     * \throws std::invalid_argument naming the link, the pair or the node, and what is allowed
     */
    void Validate();

    /** \return true after a successful Validate, until the next change */
    bool IsValidated() const;

    /** \return n, the number of hosts */
    uint32_t GetHosts() const;

    /** \return the number of nodes, hosts and switches */
    uint32_t GetNodes() const;

    /** \return the number of links */
    uint32_t GetLinks() const;

    /**
     * \param l link id
     * \return the link
     */
    const FabricLink& GetLink(uint32_t l) const;

    /**
     * \param i sender
     * \param j receiver, != i
     * \return the links of the path i -> j (empty when not set)
     */
    const std::vector<uint32_t>& GetPath(uint32_t i, uint32_t j) const;

    /**
     * \param i host (after Validate)
     * \return the first link of every path from i
     */
    uint32_t GetUplink(uint32_t i) const;

    /**
     * \param j host (after Validate)
     * \return the last link of every path into j
     */
    uint32_t GetDownlink(uint32_t j) const;

    /**
     * \param l link id (after Validate)
     * \return true when l is a host's uplink or downlink
     */
    bool IsAccessLink(uint32_t l) const;

    /**
     * The capacities t(X) divides by: b^I_i on uplinks, b^E_j on downlinks, the fabric's own
     * capacity elsewhere.
     * \param problem a problem with n equal to the number of hosts
     * \return one capacity per link
     * \throws std::invalid_argument when the fabric is not validated or n differs
     */
    std::vector<double> Capacities(const Problem& problem) const;

    /**
     * A sufficient condition under which no fabric link can limit any plan, so that the
     * generalized t(X) is the paper's t(X) and the topology-aware selector selects what SELMCAST
     * selects: every link that is no access link has a capacity of at least the sum of b^I_i over
     * the senders whose paths use it, or of at least the sum of b^E_j over the receivers whose
     * paths use it. (Its load under any plan is at most the sum of s_i of those senders and at
     * most the sum of R_j of those receivers, so its load / capacity is at most a port's.)
     * \param problem a problem with n equal to the number of hosts
     * \return true when the condition holds
     */
    bool IsPortBound(const Problem& problem) const;

  private:
    /** Forget the validation after a change. */
    void Invalidate();

    /**
     * Check one path and record its access links.
     * \param i sender
     * \param j receiver
     */
    void CheckPath(uint32_t i, uint32_t j);

    /**
     * Check that the union of the paths of sender i enters every node over one link.
     * \param i sender
     */
    void CheckTree(uint32_t i) const;

    uint32_t m_hosts{0};                   //!< n
    uint32_t m_nodes{0};                   //!< hosts and switches
    std::vector<FabricLink> m_links;       //!< links by id
    Matrix<std::vector<uint32_t>> m_paths; //!< path (i, j), n x n
    std::vector<uint32_t> m_uplink;        //!< host -> its uplink (after Validate)
    std::vector<uint32_t> m_downlink;      //!< host -> its downlink (after Validate)
    std::vector<uint8_t> m_access;         //!< link -> 1 when an access link
    bool m_validated{false};               //!< Validate passed since the last change
};

/**
 * \ingroup selmcast
 * The paper's model as a fabric: one switch, host i's uplink and downlink only; path i -> j is
 * (uplink i, downlink j). Access capacities come from the problem in t(X); here they are 1.
 * \param n the number of hosts (>= 2)
 * \return a validated fabric
 */
Fabric MakeBigSwitchFabric(uint32_t n);

/**
 * \ingroup selmcast
 * A two-tier leaf-spine fabric.
 */
struct LeafSpineFabricSpec
{
    uint32_t leaves{2};       //!< leaf switches, >= 1
    uint32_t spines{2};       //!< spine switches, >= 1
    uint32_t hostsPerLeaf{2}; //!< hosts on every leaf, >= 1; host h is on leaf h / hostsPerLeaf
    double hostRate{1};       //!< nominal rate of a host's links, finite and > 0
    /**
     * Oversubscription of every leaf, finite and > 0: hostsPerLeaf x hostRate over spines x the
     * rate of one leaf-spine link (both directions of every leaf-spine link get that rate).
     */
    double oversubscription{1};

    /** \throws std::invalid_argument naming the field and its allowed range */
    void Validate() const;

    /** \return the rate of one leaf-spine link */
    double FabricRate() const;
};

/**
 * \ingroup selmcast
 * A leaf-spine fabric: host h -> leaf (h / hostsPerLeaf) -> spine (h mod spines) -> destination
 * leaf -> host; hosts on the same leaf turn at the leaf. Every sender uses one spine for all its
 * receivers (deterministic, so that its paths form a tree).
 * \param spec the shape (validated here)
 * \return a validated fabric
 */
Fabric MakeLeafSpineFabric(const LeafSpineFabricSpec& spec);

/**
 * \ingroup selmcast
 * A k-ary fat-tree (Al-Fares et al. 2008): k pods of k/2 edge and k/2 aggregation switches,
 * (k/2)^2 cores, k^3/4 hosts, k/2 hosts per edge switch.
 */
struct FatTreeFabricSpec
{
    uint32_t k{4};      //!< even, >= 2
    double hostRate{1}; //!< rate of a host's links, finite and > 0
    /**
     * Oversubscription at the edge, finite and > 0: the edge-aggregation links get
     * hostRate / edgeOversubscription (k/2 hosts over k/2 uplinks).
     */
    double edgeOversubscription{1};
    /** Oversubscription at the aggregation layer, finite and > 0 (aggregation-core links). */
    double aggregationOversubscription{1};

    /** \throws std::invalid_argument naming the field and its allowed range */
    void Validate() const;

    /** \return the number of hosts, k^3 / 4 */
    uint32_t Hosts() const;
};

/**
 * \ingroup selmcast
 * A k-ary fat-tree. Sender h uses aggregation switch (h mod k/2) of its pod and core
 * ((h mod k/2) k/2 + (h / (k/2) mod k/2)), so its paths form a tree and senders spread over the
 * equal-cost paths.
 * \param spec the shape (validated here)
 * \return a validated fabric
 */
Fabric MakeFatTreeFabric(const FatTreeFabricSpec& spec);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_FABRIC_H
