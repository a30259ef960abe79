/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TOPOLOGY_HELPER_H
#define SELMCAST_TOPOLOGY_HELPER_H

#include "selmcast-rank-policy.h"

#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-base.h"
#include "ns3/object.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/queue-size.h"
#include "ns3/random-variable-stream.h"
#include "ns3/selmcast-fabric-file.h"
#include "ns3/selmcast-fabric-spec.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The network topologies of the module (big switch, leaf-spine, fat-tree, an edge list read from
 * a file) and the helper that builds them: nodes, point-to-point links with per-direction rates,
 * addresses and unicast routes.
 */

namespace ns3
{

class PointToPointHelper;

/**
 * \ingroup selmcast
 * The link of one host (a worker or the controller) to its router. The two devices of the link
 * carry the two directions at their own rates: the host's device sends at the host's ingress
 * rate b^I (host to switch), the router's device at its egress rate b^E (switch to host).
 */
struct SelmcastAccessLink
{
    Ptr<Node> host;                          //!< the worker or controller node
    uint32_t router{0};                      //!< index of the router (SelmcastTopology::GetRouter)
    Ptr<PointToPointNetDevice> hostDevice;   //!< the host's end, sends at the ingress rate
    Ptr<PointToPointNetDevice> routerDevice; //!< the router's end, sends at the egress rate
    uint32_t hostInterface{0};               //!< Ipv4 interface index of hostDevice on the host
    uint32_t routerInterface{0};             //!< Ipv4 interface index of routerDevice on the router
    Ipv4Address hostAddress;                 //!< the host's address on this link
    Ipv4Address routerAddress;               //!< the router's address on this link
    DataRate ingress;                        //!< rate of hostDevice (host to router)
    DataRate egress;                         //!< rate of routerDevice (router to host)
};

/**
 * \ingroup selmcast
 * One port of a router that leads to another router: an edge of the router-level graph used to
 * compute multicast trees. Every router-to-router link appears twice, once from each end.
 */
struct SelmcastRouterLink
{
    uint32_t neighbour{0};                   //!< index of the router at the other end
    uint32_t localInterface{0};              //!< Ipv4 interface index of this end on this router
    uint32_t remoteInterface{0};             //!< Ipv4 interface index of the other end
    Ptr<PointToPointNetDevice> localDevice;  //!< this router's device of the link
    Ptr<PointToPointNetDevice> remoteDevice; //!< the neighbour's device of the link
};

/**
 * \ingroup selmcast
 * What SelmcastTopologyHelper built: the worker, controller and router nodes, the access link of
 * every host, and the router-level graph. The rest of the module (the multicast tree manager,
 * the applications' installers) works from this description instead of walking node lists.
 *
 * Routers are indexed 0 .. GetNRouters() - 1. The big switch has one router (index 0). A
 * leaf-spine fabric has its leaves first (0 .. L - 1) and then its spines (L .. L + S - 1). A
 * fat-tree has its edge switches first (they count as leaves), then its aggregation and core
 * switches (they count as spines). An edge list keeps the order of the file (all leaves).
 */
class SelmcastTopology : public Object
{
  public:
    /** The shapes the helper can build. */
    enum Kind
    {
        BIG_SWITCH, //!< every host on one router (the paper's model)
        LEAF_SPINE, //!< hosts on leaves, every leaf linked to every spine
        FAT_TREE,   //!< k-ary fat-tree (Al-Fares et al. 2008), hosts on the edge switches
        EDGE_LIST   //!< routers and links read from a file (CSV edge list, Inet, Orbis, Rocketfuel)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** An empty description: SelmcastTopologyHelper fills it in. */
    SelmcastTopology();

    /** \return the shape of this topology */
    Kind GetKind() const;

    /** \return n, the number of workers */
    uint32_t GetNWorkers() const;

    /** \return the worker nodes, worker i at index i */
    NodeContainer GetWorkers() const;

    /**
     * \param i worker index, < GetNWorkers()
     * \return the node of worker i
     */
    Ptr<Node> GetWorker(uint32_t i) const;

    /** \return the controller node */
    Ptr<Node> GetController() const;

    /** \return the router nodes, router r at index r */
    NodeContainer GetRouters() const;

    /** \return the number of routers */
    uint32_t GetNRouters() const;

    /**
     * \param r router index, < GetNRouters()
     * \return the node of router r
     */
    Ptr<Node> GetRouter(uint32_t r) const;

    /** \return the number of leaves (1 for the big switch, whose router acts as its only leaf) */
    uint32_t GetNLeaves() const;

    /** \return the number of spines (0 for the big switch) */
    uint32_t GetNSpines() const;

    /**
     * \param r router index
     * \return true when router r is a spine
     */
    bool IsSpine(uint32_t r) const;

    /**
     * \param i worker index, < GetNWorkers()
     * \return the access link of worker i
     */
    const SelmcastAccessLink& GetWorkerLink(uint32_t i) const;

    /** \return the access link of the controller */
    const SelmcastAccessLink& GetControllerLink() const;

    /**
     * \param i worker index
     * \return the address of worker i (on its only link)
     */
    Ipv4Address GetWorkerAddress(uint32_t i) const;

    /** \return the address of the controller */
    Ipv4Address GetControllerAddress() const;

    /**
     * \param i worker index
     * \return b^I_i, the rate from worker i to its router
     */
    DataRate GetIngressRate(uint32_t i) const;

    /**
     * \param i worker index
     * \return b^E_i, the rate from the router to worker i
     */
    DataRate GetEgressRate(uint32_t i) const;

    /**
     * \param r router index
     * \return the links from router r to other routers (empty for the big switch)
     */
    const std::vector<SelmcastRouterLink>& GetRouterLinks(uint32_t r) const;

    /**
     * \param r router index
     * \return the indices of the workers attached to router r, ascending
     */
    const std::vector<uint32_t>& GetWorkersAt(uint32_t r) const;

    /**
     * \param node any node
     * \return the worker index of node, or -1 when it is no worker of this topology
     */
    int32_t FindWorker(Ptr<const Node> node) const;

    /**
     * \param address any address
     * \return the index of the worker with this address, or -1
     */
    int32_t FindWorker(Ipv4Address address) const;

    /** \return the MTU of every link, in bytes */
    uint16_t GetMtu() const;

    /**
     * \return the bisection bandwidth in bit/s, one direction, of the fabric fully populated
     *         with hosts at the mean rate (SelmcastFabricSpec); 0 when unknown (edge lists)
     */
    double GetBisectionBandwidth() const;

    /** \return host capacity over core capacity (1: non-blocking); 0 when unknown */
    double GetOversubscription() const;

    /**
     * Let every node's SelmcastRouting answer unicast packets to the workers and the controller
     * from a table (SelmcastRouting::SnapshotUnicastRoutes). The helper does this after
     * populating the routes; call it again after changing unicast routes yourself. Nodes that
     * route otherwise are skipped.
     */
    void SnapshotUnicastRoutes();

  protected:
    /** Drop the references to nodes and devices. */
    void DoDispose() override;

  private:
    /// The helper fills in the description as it builds the network.
    friend class SelmcastTopologyHelper;

    Kind m_kind;                                          //!< the shape
    NodeContainer m_workers;                              //!< worker i at index i
    Ptr<Node> m_controller;                               //!< the controller node
    NodeContainer m_routers;                              //!< router r at index r
    uint32_t m_nLeaves;                                   //!< routers 0 .. m_nLeaves - 1
    uint32_t m_nSpines;                                   //!< routers after the leaves
    std::vector<SelmcastAccessLink> m_workerLinks;        //!< per worker
    SelmcastAccessLink m_controllerLink;                  //!< the controller's link
    std::vector<std::vector<SelmcastRouterLink>> m_graph; //!< per router, its router links
    std::vector<std::vector<uint32_t>> m_workersAtRouter; //!< per router, its workers
    uint16_t m_mtu;                                       //!< link MTU, bytes
    double m_bisectionBps{0};                             //!< bisection bandwidth, bit/s
    double m_oversubscription{0};                         //!< host over core capacity
};

/**
 * \ingroup selmcast
 * Builds a big-switch or leaf-spine network of point-to-point links for SELMCAST and returns its
 * description (SelmcastTopology).
 *
 * Every knob is an attribute, so defaults can be changed with Config::SetDefault or on the
 * command line (--ns3::SelmcastTopologyHelper::Workers=32), and per helper with SetAttribute.
 * Worker access rates are either given per worker (SetRates) or drawn from the paper's
 * distribution: b^E_i = b (1 + lambda x_i), b^I_i = b mu (1 + lambda y_i), with x_i, y_i uniform
 * in [-1, 1] and independent per port, drawn through an ns-3 UniformRandomVariable (so RngRun
 * changes them and AssignStreams fixes their stream): first x_0 .. x_{n-1}, then y_0 .. y_{n-1}.
 *
 * Only point-to-point links are used: ns-3 CSMA segments and bridges flood multicast to every
 * port, while SELMCAST needs the multicast tree alone to decide who receives. Addresses are
 * assigned directly (not through Ipv4AddressHelper), so no queue disc is installed unless the
 * QueueDisc attribute names one: the device queue (QueueSize) is the only queue, and packets
 * refused by a full device queue are reported by the TrafficControlLayer's TcDrop trace.
 *
 * Address plan (one /30 per link, the router at .1 of the subnet, the host at .2): worker i on
 * 10.0.0.0 + 4 i, the controller on 10.128.0.0, router-to-router link k on 10.192.0.0 + 4 k.
 */
class SelmcastTopologyHelper : public ObjectBase
{
  public:
    /** How the nodes forward packets (the Routing attribute). */
    enum Routing
    {
        ROUTING_SELMCAST, //!< SelmcastRouting on every node: constant-time lookups
        ROUTING_NS3       //!< ns-3's static and global routing only
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Get the most derived type ID (needed by ObjectBase for the attributes).
     * \return the object TypeId
     */
    TypeId GetInstanceTypeId() const override;

    /** Takes every attribute from its (possibly Config::SetDefault-changed) default. */
    SelmcastTopologyHelper();

    /**
     * Give every worker's rates explicitly instead of drawing them. Checked by Validate.
     * \param ingress b^I_i per worker (worker to router)
     * \param egress b^E_i per worker (router to worker)
     */
    void SetRates(const std::vector<DataRate>& ingress, const std::vector<DataRate>& egress);

    /** Forget rates given by SetRates: the next Install draws them again. */
    void ClearRates();

    /**
     * Place the nodes of the next Install on MPI ranks (checked by Validate).
     * \param policy where every node runs (default: all on rank 0)
     */
    void SetRankPolicy(const SelmcastRankPolicy& policy);

    /**
     * \param kind a topology shape
     * \return the number of workers Install would create for this shape with the current
     *         attributes (Workers, or Leaves x HostsPerLeaf)
     */
    uint32_t GetNWorkers(SelmcastTopology::Kind kind) const;

    /**
     * Check the attributes and given rates for one shape without building anything.
     * \param kind the shape to check for
     * \return an empty string when valid, else a message naming the parameter and its range
     */
    std::string Validate(SelmcastTopology::Kind kind) const;

    /**
     * Build the shape named by the Topology attribute.
     * \return the description of what was built
     */
    Ptr<SelmcastTopology> Install();

    /**
     * Build n workers and the controller, each on its own link to one router.
     * \return the description of what was built
     */
    Ptr<SelmcastTopology> InstallBigSwitch();

    /**
     * Build a leaf-spine fabric: HostsPerLeaf workers on each of the Leaves leaves (worker i on
     * leaf i / HostsPerLeaf), every leaf linked to every spine at LeafSpineRate, the controller
     * on its own link to leaf 0.
     * \return the description of what was built
     */
    Ptr<SelmcastTopology> InstallLeafSpine();

    /**
     * Build a k-ary fat-tree (FatTreeK): Workers workers placed on the edge switches' host slots
     * by Placement; host links drawn as usual, edge-aggregation links at
     * MeanRate / EdgeOversubscription, aggregation-core links at that rate / AggOversubscription;
     * the controller on its own link to edge switch 0.
     * \return the description of what was built
     */
    Ptr<SelmcastTopology> InstallFatTree();

    /**
     * Build the routers and links of the file TopologyFile (in TopologyFormat: a CSV edge list
     * or a file of ns-3's topology-read formats), Workers workers on the
     * nodes named by FileWorkers (one per node, chosen by Placement), the controller on
     * FileController.
     * \return the description of what was built
     */
    Ptr<SelmcastTopology> InstallEdgeList();

    /**
     * \param kind a shape
     * \param[out] spec its routers, links and racks with the current attributes (no placement)
     * \return an empty string, or why the shape cannot be described (edge lists: the file)
     */
    std::string MakeSpec(SelmcastTopology::Kind kind, SelmcastFabricSpec& spec) const;

    /**
     * Fix the random stream of the rate draws (and of a random placement, drawn after them).
     * \param stream first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /**
     * \param kind shape to build
     * \return the description of what was built
     */
    Ptr<SelmcastTopology> Build(SelmcastTopology::Kind kind);

    /**
     * \param n number of workers
     * \param[out] ingress b^I per worker
     * \param[out] egress b^E per worker
     */
    void MakeRates(uint32_t n, std::vector<DataRate>& ingress, std::vector<DataRate>& egress);

    /**
     * \param kind a shape
     * \param[out] spec its routers, links and racks (MakeSpec without the controller's place)
     * \return an empty string, or why the shape cannot be described
     */
    std::string MakeShape(SelmcastTopology::Kind kind, SelmcastFabricSpec& spec) const;

    /**
     * \param kind a fat-tree or an edge list
     * \return an empty string when its own attributes are valid, else the problem
     */
    std::string ValidateFabric(SelmcastTopology::Kind kind) const;

    /**
     * Build one router-to-router link and enter it in the router graph, from both ends.
     * \param topology the description being built
     * \param edge the link
     * \param subnet its /30 (the a end at .1, the b end at .2)
     * \param p2p the helper of every link (its rate and delay are changed)
     * \param allDevices where the devices are added
     */
    void ConnectRouters(Ptr<SelmcastTopology> topology,
                        const SelmcastFabricEdge& edge,
                        uint32_t subnet,
                        PointToPointHelper& p2p,
                        NetDeviceContainer& allDevices) const;

    /**
     * Create the workers, the controller and the routers, in that order of node ids: the only
     * place nodes are made, each on the rank the RankPolicy gives it (its system id).
     * \param topology the network being built
     * \param spec its shape, with the workers placed
     * \param n the number of workers
     */
    void CreateNodes(Ptr<SelmcastTopology> topology,
                     const SelmcastFabricSpec& spec,
                     uint32_t n) const;

    SelmcastTopology::Kind m_kind;             //!< the shape Install builds
    uint32_t m_workers;                        //!< n for the big switch
    uint32_t m_leaves;                         //!< leaves of the leaf-spine fabric
    uint32_t m_spines;                         //!< spines of the leaf-spine fabric
    uint32_t m_hostsPerLeaf;                   //!< workers per leaf
    DataRate m_meanRate;                       //!< b, the mean egress rate
    double m_spread;                           //!< lambda, in [0, 1)
    double m_ingressRatio;                     //!< mu, mean ingress over mean egress
    Time m_linkDelay;                          //!< propagation delay of every link
    DataRate m_controllerRate;                 //!< both directions of the controller's link
    DataRate m_leafSpineRate;                  //!< both directions of every leaf-spine link
    QueueSize m_queueSize;                     //!< capacity of every device queue
    uint16_t m_mtu;                            //!< MTU of every link, bytes
    std::string m_queueDisc;                   //!< root queue disc TypeId, empty for none
    bool m_populateRoutes;                     //!< run global unicast routing after building
    SelmcastRankPolicy m_rankPolicy;           //!< the rank of every node (MPI)
    Routing m_routing;                         //!< how the nodes forward
    std::vector<DataRate> m_givenIngress;      //!< SetRates' b^I, empty when drawn
    std::vector<DataRate> m_givenEgress;       //!< SetRates' b^E, empty when drawn
    Ptr<UniformRandomVariable> m_rateVariable; //!< x and y of the rate distribution
    double m_oversubscription;                 //!< leaf-spine: sets LeafSpineRate when > 0
    uint32_t m_fatTreeK;                       //!< fat-tree arity
    double m_edgeOversubscription;             //!< fat-tree: host over edge uplink rate
    double m_aggOversubscription;              //!< fat-tree: edge uplink over core link rate
    SelmcastPlacement m_placement;             //!< how workers fill the racks
    std::string m_topologyFile;                //!< edge list path
    std::string m_fileWorkers;                 //!< edge list: which nodes take workers
    std::string m_fileController;              //!< edge list: the controller's node
    SelmcastFileFormat m_topologyFormat;       //!< edge list: the file's format
    DataRate m_fileLinkRate;                   //!< edge list: link rate where the file has none
    Time m_fileLinkDelay;                      //!< edge list: link delay where the file has none
    uint32_t m_controllerRouter;               //!< built-in shapes: the controller's router
};

} // namespace ns3

#endif // SELMCAST_TOPOLOGY_HELPER_H
