/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_MULTICAST_TREE_HELPER_H
#define SELMCAST_MULTICAST_TREE_HELPER_H

#include "selmcast-topology-helper.h"

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/selmcast-node-routes.h"
#include "ns3/selmcast-tree-header.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Multicast trees for SELMCAST transfers: group addresses, trees and their static routes.
 */

namespace ns3
{

class SelmcastTreeMessenger;

/**
 * \ingroup selmcast
 * Installs, prunes and removes one IP multicast tree per transfer on a SelmcastTopology.
 *
 * ns-3 has no IGMP: every node a multicast packet reaches hands it to any socket bound to the
 * port. So the tree alone decides who receives, and it is exact: a router gets a route only if
 * the tree crosses it, and only towards selected receivers, so no byte of a transfer crosses the
 * link to a worker that was not selected.
 *
 * For one transfer (sender i, receivers R) Install
 * - allocates a group address unique among the trees installed: the pool is GroupCount addresses
 *   from GroupBase, taken round-robin so that a freed address is reused as late as possible
 *   (a late packet of an old transfer then cannot reach the receivers of a new one);
 * - computes the tree: every receiver's router is joined to the sender's router by a shortest
 *   path in the router graph, each router choosing its parent among its equal-cost upstream
 *   neighbours by a hash of (sender, group, neighbour). The choice is deterministic, consistent
 *   within a tree (on a leaf-spine fabric every remote leaf picks the same spine, so the sender's
 *   leaf sends one copy up) and spreads different trees over the spines;
 * - installs on every router of the tree one route (origin = the sender's address, group, input
 *   interface, output interfaces), and on the sender a group/32 host route to its uplink, which
 *   the sender's outbound lookup needs.
 *
 * Prune(group, j) recomputes the tree without j and replaces only the routes that changed; the
 * next packet a router forwards follows the new routes. Remove(group) deletes the tree's routes
 * and the sender's host route and returns the address to the pool.
 *
 * Where the routes are written: by default directly into the nodes' routing, at once. With a
 * messenger (SetMessenger, what the controller does) every change is a ROUTE message to the
 * SelmcastRouterAgent of the node, applied when it arrives there, so a router on another MPI
 * rank changes where it forwards. A tree is then ready once every agent acknowledged its
 * messages (WhenReady): the controller lets the sender start only then, so no data packet can
 * overtake the route it needs. A prune only takes branches away (each router's parent depends on
 * the tree, not on the receivers), so the other receivers' routes never change; a removed group
 * goes back to the pool only once every agent acknowledged its removal.
 */
class SelmcastTreeManager : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// How a tree chooses among equal-cost parents (attribute PathSpread).
    enum PathSpread
    {
        HASH,       //!< by a hash of (sender, group unless SenderPaths, candidate)
        ROUND_ROBIN //!< the workers of a router take the candidates in turn, the hash breaks ties
    };

    /** A manager with no topology and no trees: call SetTopology before Install. */
    SelmcastTreeManager();
    /** Trees still installed are left in the routing tables of their (disposed) nodes. */
    ~SelmcastTreeManager() override;

    /**
     * Set the network the trees live on. Must be called before the first Install, and not
     * changed while trees are installed.
     * \param topology what SelmcastTopologyHelper built
     */
    void SetTopology(Ptr<SelmcastTopology> topology);

    /** \return the network the trees live on */
    Ptr<SelmcastTopology> GetTopology() const;

    /**
     * Write routes as messages to the nodes' agents from now on. Set it before the first
     * Install; every router and worker then needs a SelmcastRouterAgent.
     * \param messenger a started messenger, or null to write directly again
     */
    void SetMessenger(Ptr<SelmcastTreeMessenger> messenger);

    /**
     * \param group an installed group
     * \return true when every route change of the tree was applied (always true without a
     *         messenger)
     */
    bool IsReady(Ipv4Address group) const;

    /**
     * Call ready once the tree's changes sent so far are all applied: now, when they are; else
     * when the last ACK arrives. Dropped if the tree is removed first.
     * \param group an installed group (aborts otherwise)
     * \param ready what to do then
     */
    void WhenReady(Ipv4Address group, std::function<void()> ready);

    /**
     * Check a transfer and the group pool without installing anything.
     * \param sender worker index of the sender
     * \param receivers worker indices of the receivers
     * \return an empty string when Install would accept them, else a message naming the
     *         parameter and its allowed range
     */
    std::string Validate(uint32_t sender, const std::vector<uint32_t>& receivers) const;

    /**
     * Allocate a group and install the tree of one transfer. Aborts with Validate's message on
     * invalid input, and when all GroupCount addresses are in use.
     * \param sender worker index of the sender
     * \param receivers worker indices of the selected receivers (may be empty: then only the
     *        sender's host route is installed, and its packets stop at its router)
     * \return the group address to send to
     */
    Ipv4Address Install(uint32_t sender, const std::vector<uint32_t>& receivers);

    /**
     * Drop one receiver from an installed tree: from the next packet a router forwards on, the
     * receiver gets nothing more of this group; the other receivers are unaffected.
     * \param group a group returned by Install and not yet removed (aborts otherwise)
     * \param receiver worker index to drop
     * \return true when the receiver was in the tree, false when there was nothing to do
     */
    bool Prune(Ipv4Address group, uint32_t receiver);

    /**
     * Delete a tree: its routes on every router, the sender's host route, and the group's
     * allocation. Aborts when group is not installed.
     * \param group a group returned by Install
     */
    void Remove(Ipv4Address group);

    /** Remove every installed tree. */
    void RemoveAll();

    /**
     * \param group any address
     * \return true when a tree with this group is installed
     */
    bool IsInstalled(Ipv4Address group) const;

    /** \return the number of trees installed */
    uint32_t GetNTrees() const;

    /** \return the groups of the trees installed, ascending */
    std::vector<Ipv4Address> GetGroups() const;

    /**
     * \param group an installed group
     * \return the worker index of its sender
     */
    uint32_t GetSender(Ipv4Address group) const;

    /**
     * \param group an installed group
     * \return its current receivers, ascending
     */
    std::vector<uint32_t> GetReceivers(Ipv4Address group) const;

    /**
     * \param group an installed group
     * \return the indices of the routers that hold a route of the tree, ascending
     */
    std::vector<uint32_t> GetTreeRouters(Ipv4Address group) const;

    /**
     * The path the trees of a sender take to one receiver, as hops between routers. Needs
     * SenderPaths (aborts otherwise): only then is it the same for every tree of the sender.
     * \param sender worker index of the sender
     * \param receiver worker index of the receiver, != sender
     * \return per router from the sender's to the receiver's: the router and the Ipv4
     *         interface the tree leaves it on (the last one: the receiver's access link)
     */
    std::vector<std::pair<uint32_t, uint32_t>> GetPath(uint32_t sender, uint32_t receiver) const;

    /**
     * TracedCallback signature of TreeInstalled.
     * \param group the group allocated
     * \param sender worker index of the sender
     * \param receivers worker indices of the receivers, ascending
     */
    typedef void (*InstalledTracedCallback)(Ipv4Address group,
                                            uint32_t sender,
                                            const std::vector<uint32_t>& receivers);

    /**
     * TracedCallback signature of TreePruned.
     * \param group the tree's group
     * \param receiver the worker dropped
     */
    typedef void (*PrunedTracedCallback)(Ipv4Address group, uint32_t receiver);

    /**
     * TracedCallback signature of TreeRemoved.
     * \param group the group freed
     */
    typedef void (*RemovedTracedCallback)(Ipv4Address group);

  protected:
    /** Forget the trees and the topology; the nodes' routes go with the nodes. */
    void DoDispose() override;

  private:
    /// What one router of a tree forwards: packets arriving on input leave on outputs.
    struct RouterRoute
    {
        uint32_t input{0};          //!< Ipv4 interface the tree's packets arrive on
        std::set<uint32_t> outputs; //!< Ipv4 interfaces they leave on

        /**
         * \param other another route
         * \return true when both forward the same way
         */
        bool operator==(const RouterRoute& other) const
        {
            return input == other.input && outputs == other.outputs;
        }
    };

    /// The messages of one group still unacknowledged, and who waits for them.
    struct Pending
    {
        std::set<std::pair<uint32_t, bool>> outstanding; //!< (agent address, sender route)
        std::vector<std::function<void()>> waiters;      //!< WhenReady callbacks
    };

    /// Router index to its route; ordered so that routes are installed in a fixed order.
    typedef std::map<uint32_t, RouterRoute> RouteMap;

    /// One installed tree.
    struct Tree
    {
        uint32_t sender{0};           //!< worker index of the sender
        std::set<uint32_t> receivers; //!< worker indices of the receivers
        RouteMap routes;              //!< the routes installed, per router
    };

    /**
     * \return a free group address of the pool (aborts when the pool is exhausted)
     */
    Ipv4Address AllocateGroup();

    /**
     * Compute the routes of a tree.
     * \param sender worker index of the sender
     * \param group the tree's group (an input of the equal-cost choice)
     * \param receivers worker indices of the receivers
     * \return the route of every router the tree crosses
     */
    RouteMap ComputeRoutes(uint32_t sender,
                           Ipv4Address group,
                           const std::set<uint32_t>& receivers) const;

    /**
     * \param router a router index
     * \param dist hop counts from the tree's root router
     * \return how many distinct neighbours of the router are one hop closer to the root (>= 1)
     */
    uint32_t CountParents(uint32_t router, const std::vector<uint32_t>& dist) const;

    /**
     * Replace the routes of a tree, touching only the routers whose route changed.
     * \param origin the sender's address (the routes' origin)
     * \param group the tree's group
     * \param before the routes installed now
     * \param after the routes wanted
     */
    void ApplyRoutes(Ipv4Address origin,
                     Ipv4Address group,
                     const RouteMap& before,
                     const RouteMap& after);

    /**
     * \param group a group
     * \return its tree (aborts when it is not installed)
     */
    const Tree& GetTree(Ipv4Address group) const;

    /**
     * Set one router's route of a tree: directly, or by a message to its agent.
     * \param router router index
     * \param origin the sender's address
     * \param group the tree's group
     * \param route the route; no outputs: none
     */
    void WriteRoute(uint32_t router,
                    Ipv4Address origin,
                    Ipv4Address group,
                    const RouterRoute& route);

    /**
     * Send one ROUTE and count it as outstanding for its group until acknowledged.
     * \param node the agent's node
     * \param route the ROUTE
     */
    void SendRoute(Ptr<Node> node, const SelmcastTreeHeader& route);

    /**
     * An ACK arrived: forget the message, run the waiters when it was the group's last.
     * \param group the group
     * \param key the message's (agent address, sender route)
     */
    void Acknowledged(Ipv4Address group, std::pair<uint32_t, bool> key);

    /**
     * Let the sender's own packets to group leave on its access link, or stop them.
     * \param sender worker index
     * \param group the tree's group
     * \param add true to add the route, false to remove it
     */
    void SetSenderRoute(uint32_t sender, Ipv4Address group, bool add);

    Ptr<SelmcastTopology> m_topology;                //!< the network
    std::vector<SelmcastNodeRoutes> m_routerRouting; //!< per router, direct writes
    std::vector<SelmcastNodeRoutes> m_workerRouting; //!< per worker, direct writes
    Ptr<SelmcastTreeMessenger> m_messenger;          //!< null: write directly
    std::map<Ipv4Address, Pending> m_pending;        //!< groups with unacknowledged messages
    std::vector<std::vector<uint32_t>> m_distances;  //!< hops between routers, [from][to]
    std::map<Ipv4Address, Tree> m_trees;             //!< the trees installed, by group
    Ipv4Address m_groupBase;                         //!< first address of the group pool
    uint32_t m_groupCount;                           //!< size of the group pool
    bool m_senderPaths;            //!< equal-cost choice by (sender, router) only (SenderPaths)
    PathSpread m_pathSpread;       //!< how equal-cost parents are chosen (PathSpread)
    std::vector<uint32_t> m_slots; //!< per worker: how many workers before it share its router
    std::vector<bool> m_edge;      //!< per router: workers attach to it
    uint32_t m_nextGroup;          //!< pool offset where the next allocation starts looking

    /// Fired after a tree is installed.
    TracedCallback<Ipv4Address, uint32_t, const std::vector<uint32_t>&> m_installedTrace;
    /// Fired after a receiver is pruned.
    TracedCallback<Ipv4Address, uint32_t> m_prunedTrace;
    /// Fired after a tree is removed.
    TracedCallback<Ipv4Address> m_removedTrace;
};

} // namespace ns3

#endif // SELMCAST_MULTICAST_TREE_HELPER_H
