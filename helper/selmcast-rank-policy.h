/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_RANK_POLICY_H
#define SELMCAST_RANK_POLICY_H

#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Which MPI rank simulates which node of a topology (ns-3's system id).
 */

namespace ns3
{

class Node;

/**
 * \ingroup selmcast
 * Places the nodes of a topology on MPI ranks. A topology builder creates every node through
 * CreateNode with the rank this policy gives it; a link whose ends sit on two ranks becomes
 * ns-3's remote point-to-point channel, whose delay is the lookahead.
 * - by leaf ("leaf"): a leaf and its workers on rank leaf mod R, spine s on rank s mod R. Only
 *   spine links cross ranks. On a big switch everything stays on rank 0.
 * - round robin ("round-robin"): worker i on rank i mod R, leaf l on l mod R, spine s on
 *   s mod R. On a big switch the switch sits on rank 0 and the workers spread, so every access
 *   link of a worker not on rank 0 crosses ranks.
 * - a list ("list:0,1,1,0,..."): the rank of every worker; a leaf takes its first worker's rank,
 *   spine s rank s mod R.
 * The controller sits with router 0, the router it is attached to. With one rank every node is
 * on rank 0 whatever the kind.
 */
class SelmcastRankPolicy
{
  public:
    /** The placements. */
    enum Kind
    {
        BY_LEAF,     //!< a leaf and its workers together
        ROUND_ROBIN, //!< workers spread one by one
        LIST         //!< the rank of every worker given
    };

    /// Parse's ranks when they are not known yet (before MPI starts): only the form is checked.
    static constexpr uint32_t ANY_RANKS = 0xffffffff;

    /** One rank, by leaf: every node on rank 0. */
    SelmcastRankPolicy();

    /**
     * Read a policy from its text form.
     * \param text "leaf", "round-robin" or "list:r0,r1,..."
     * \param ranks the number of ranks R (>= 1), or ANY_RANKS
     * \param policy set when the text is valid
     * \return an empty string when valid, else one line naming --partition and what it allows
     */
    static std::string Parse(const std::string& text, uint32_t ranks, SelmcastRankPolicy& policy);

    /**
     * \param nWorkers the workers of the topology
     * \return an empty string when the policy fits them (a list names each worker), else why not
     */
    std::string Validate(uint32_t nWorkers) const;

    /** \return R, the number of ranks */
    uint32_t GetRanks() const;

    /** \return the placement */
    Kind GetKind() const;

    /**
     * \param worker worker index
     * \param leaf index of its leaf (0 on a big switch)
     * \return its rank
     */
    uint32_t WorkerRank(uint32_t worker, uint32_t leaf) const;

    /**
     * \param leaf leaf index (the big switch is leaf 0)
     * \param firstWorker the lowest worker index on that leaf
     * \return its rank
     */
    uint32_t LeafRank(uint32_t leaf, uint32_t firstWorker) const;

    /**
     * \param spine spine index (0 .. S - 1)
     * \return its rank
     */
    uint32_t SpineRank(uint32_t spine) const;

    /**
     * Create a node on a rank: the one way topology builders create nodes.
     * \param rank its system id (< GetRanks(), aborts otherwise)
     * \return the node
     */
    Ptr<Node> CreateNode(uint32_t rank) const;

    /**
     * \param node a node
     * \return true when this process simulates it: always without MPI, else when its system id
     *         is this process's rank (install applications only there)
     */
    static bool IsLocal(Ptr<const Node> node);

    /** \return this process's rank: 0 without MPI */
    static uint32_t LocalRank();

  private:
    Kind m_kind;                  //!< the placement
    uint32_t m_ranks;             //!< R
    std::vector<uint32_t> m_list; //!< LIST: rank per worker
};

} // namespace ns3

#endif // SELMCAST_RANK_POLICY_H
