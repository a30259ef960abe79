/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_FABRIC_SPEC_H
#define SELMCAST_FABRIC_SPEC_H

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The router-level shape of a network before it is built: routers, router-to-router links with
 * their rates and delays, the racks where workers may sit, and where they do sit (placement).
 * SelmcastTopologyHelper builds every shape (big switch, leaf-spine, fat-tree, file) from one.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * One router-to-router link of a fabric: both directions at the same rate.
 */
struct SelmcastFabricEdge
{
    uint32_t a{0}; //!< one router
    uint32_t b{0}; //!< the other router
    DataRate rate; //!< rate of each direction
    Time delay;    //!< propagation delay
};

/**
 * \ingroup selmcast
 * A fabric as a plain description: what is built, not how.
 *
 * Racks are routers that take hosts; rackSlots[r] is the number of hosts router r can take
 * (0 for a spine, an aggregation or a core switch). workerRouter is filled by SelmcastPlace.
 */
struct SelmcastFabricSpec
{
    uint32_t nRouters{0};                  //!< routers, indexed 0 .. nRouters - 1
    uint32_t nLeaves{0};                   //!< routers 0 .. nLeaves - 1 take hosts
    uint32_t nSpines{0};                   //!< routers after the leaves that take no hosts
    std::vector<uint32_t> rackSlots;       //!< per router, how many hosts it can take
    std::vector<SelmcastFabricEdge> edges; //!< router-to-router links, in build order
    std::vector<std::string> names;        //!< per router, its name (file topologies)
    std::vector<uint32_t> workerRouter;    //!< per worker, its router (SelmcastPlace)
    uint32_t controllerRouter{0};          //!< the controller's router
    double bisectionBps{0};                //!< bisection bandwidth, one direction; 0: unknown
    double oversubscription{0};            //!< host capacity over core capacity; 0: unknown

    /** \return the number of host slots of all racks */
    uint64_t GetSlots() const;
};

/**
 * \ingroup selmcast
 * How workers fill the racks.
 */
enum SelmcastPlacement
{
    SELMCAST_PLACE_PACKED, //!< fill rack 0, then rack 1, ... (worker i on rack i / slots)
    SELMCAST_PLACE_SPREAD, //!< round-robin over the racks with a free slot
    SELMCAST_PLACE_RANDOM  //!< n slots drawn uniformly without replacement
};

/**
 * \ingroup selmcast
 * Put n workers on the racks of a fabric (fills spec.workerRouter, ascending by router for
 * packed and random).
 * \param spec the fabric; n <= spec.GetSlots()
 * \param n workers
 * \param placement the rule
 * \param uniform draws in [0, 1) (random placement only)
 */
void SelmcastPlace(SelmcastFabricSpec& spec,
                   uint32_t n,
                   SelmcastPlacement placement,
                   const std::function<double()>& uniform);

/**
 * \ingroup selmcast
 * The big switch: one router with n slots. Bisection (n / 2) b.
 * \param n workers
 * \param hostRate b, the mean host rate (for the bisection)
 * \return the fabric
 */
SelmcastFabricSpec SelmcastBigSwitchSpec(uint32_t n, DataRate hostRate);

/**
 * \ingroup selmcast
 * Leaf-spine: L leaves of H slots, S spines, every leaf linked to every spine (leaf-major order).
 * Bisection floor(L / 2) min(H b, S r); oversubscription H b / (S r).
 * \param leaves L
 * \param spines S
 * \param hostsPerLeaf H
 * \param hostRate b, the mean host rate
 * \param fabricRate r, the rate of every leaf-spine link
 * \param delay propagation delay of every leaf-spine link
 * \return the fabric
 */
SelmcastFabricSpec SelmcastLeafSpineSpec(uint32_t leaves,
                                         uint32_t spines,
                                         uint32_t hostsPerLeaf,
                                         DataRate hostRate,
                                         DataRate fabricRate,
                                         Time delay);

/**
 * \ingroup selmcast
 * The k-ary fat-tree of Al-Fares et al. (2008): k pods of k / 2 edge and k / 2 aggregation
 * switches, (k / 2)^2 core switches, k / 2 host slots per edge switch. Routers: the k^2 / 2 edge
 * switches first (pod-major), then the k^2 / 2 aggregation switches, then the cores. Edge e of
 * pod p links to every aggregation switch of p; aggregation switch a of a pod links to cores
 * a (k / 2) .. a (k / 2) + k / 2 - 1. Bisection (k^3 / 8) min(b, edgeRate, coreRate).
 * \param k the arity, even, >= 2
 * \param hostRate b, the mean host rate
 * \param edgeRate rate of the edge-aggregation links
 * \param coreRate rate of the aggregation-core links
 * \param delay propagation delay of every switch-to-switch link
 * \return the fabric
 */
SelmcastFabricSpec SelmcastFatTreeSpec(uint32_t k,
                                       DataRate hostRate,
                                       DataRate edgeRate,
                                       DataRate coreRate,
                                       Time delay);

/**
 * \ingroup selmcast
 * Read a fabric from a CSV edge list. Format (documented in doc/selmcast.rst): one link per
 * line, "node,node,rate,delay" (rate and delay in ns-3's DataRate and Time syntax, e.g.
 * 10Gbps,2us); blank lines and lines starting with # are skipped. Node names are free text
 * without commas; routers are numbered in order of first appearance.
 *
 * The racks: workers = "leaves" (every node with one link), "all" (every node) or a list of node
 * names separated by '+' or ';' (a,b,c would clash with the CSV commas, so a+b+c). Each rack
 * takes one worker. The controller sits on the named node (empty: the first node of the file).
 * \param path the file
 * \param workers which nodes are racks
 * \param controller the controller's node name, or empty
 * \param[out] spec the fabric
 * \return an empty string on success, else a message naming the file, the line and the problem
 */
std::string SelmcastReadFabricCsv(const std::string& path,
                                  const std::string& workers,
                                  const std::string& controller,
                                  SelmcastFabricSpec& spec);

/**
 * \ingroup selmcast
 * The part of reading a topology file that every format shares: from the routers (spec.names)
 * and links (spec.edges) read, check that the graph is connected, mark the racks named by
 * workers (leaves, all, or names joined by '+' or ';') and place the controller.
 * \param path the file (for messages)
 * \param workers which nodes are racks
 * \param controller the controller's node name, or empty for the first
 * \param[in,out] spec names and edges in; routers, racks and the controller's router out
 * \return an empty string on success, else a message naming the parameter and the problem
 */
std::string SelmcastFinishFileFabric(const std::string& path,
                                     const std::string& workers,
                                     const std::string& controller,
                                     SelmcastFabricSpec& spec);

} // namespace ns3

#endif /* SELMCAST_FABRIC_SPEC_H */
