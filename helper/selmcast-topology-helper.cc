/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-topology-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/queue-disc.h"
#include "ns3/selmcast-device-demux.h"
#include "ns3/selmcast-routing-helper.h"
#include "ns3/selmcast-routing.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastTopologyHelper");

NS_OBJECT_ENSURE_REGISTERED(SelmcastTopology);
NS_OBJECT_ENSURE_REGISTERED(SelmcastTopologyHelper);

namespace
{

/// Limit of the address plan: worker links fill 10.0.0.0/9 with one /30 each.
const uint32_t MAX_WORKERS = 1u << 21;
/// Limit of the address plan: router-to-router links fill 10.192.0.0/10 with one /30 each.
const uint32_t MAX_ROUTER_LINKS = 1u << 20;
/// First subnet of the worker links.
const uint32_t WORKER_NET = 0x0A000000; // 10.0.0.0
/// The controller's subnet.
const uint32_t CONTROLLER_NET = 0x0A800000; // 10.128.0.0
/// First subnet of the router-to-router links.
const uint32_t FABRIC_NET = 0x0AC00000; // 10.192.0.0
/// Every link is a /30.
const char* const LINK_MASK = "255.255.255.252";

/**
 * Add a device to its node's Ipv4 with one address, and bring it up: what Ipv4AddressHelper does,
 * minus the default FqCoDel queue disc it would install (about 25 % of the run time).
 * \param device the device, already on its node
 * \param address its address
 * \return the Ipv4 interface index
 */
uint32_t
AddInterface(Ptr<NetDevice> device, Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
    NS_ASSERT_MSG(ipv4, "the internet stack must be installed first");
    int32_t interface = ipv4->AddInterface(device);
    NS_ASSERT(interface >= 0);
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(address, Ipv4Mask(LINK_MASK)));
    ipv4->SetMetric(interface, 1);
    ipv4->SetUp(interface);
    return static_cast<uint32_t>(interface);
}

/**
 * \param rate a rate
 * \return true when the rate is positive
 */
bool
IsPositive(const DataRate& rate)
{
    return rate.GetBitRate() > 0;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// SelmcastTopology

TypeId
SelmcastTopology::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SelmcastTopology")
                            .SetParent<Object>()
                            .SetGroupName("Selmcast")
                            .AddConstructor<SelmcastTopology>();
    return tid;
}

SelmcastTopology::SelmcastTopology()
    : m_kind(BIG_SWITCH),
      m_nLeaves(0),
      m_nSpines(0),
      m_mtu(0)
{
}

void
SelmcastTopology::DoDispose()
{
    m_workers = NodeContainer();
    m_controller = nullptr;
    m_routers = NodeContainer();
    m_workerLinks.clear();
    m_controllerLink = SelmcastAccessLink();
    m_graph.clear();
    m_workersAtRouter.clear();
    Object::DoDispose();
}

SelmcastTopology::Kind
SelmcastTopology::GetKind() const
{
    return m_kind;
}

uint32_t
SelmcastTopology::GetNWorkers() const
{
    return m_workers.GetN();
}

NodeContainer
SelmcastTopology::GetWorkers() const
{
    return m_workers;
}

Ptr<Node>
SelmcastTopology::GetWorker(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_workers.GetN(),
                    "worker " << i << " out of range [0, " << m_workers.GetN() << ")");
    return m_workers.Get(i);
}

Ptr<Node>
SelmcastTopology::GetController() const
{
    return m_controller;
}

NodeContainer
SelmcastTopology::GetRouters() const
{
    return m_routers;
}

uint32_t
SelmcastTopology::GetNRouters() const
{
    return m_routers.GetN();
}

Ptr<Node>
SelmcastTopology::GetRouter(uint32_t r) const
{
    NS_ABORT_MSG_IF(r >= m_routers.GetN(),
                    "router " << r << " out of range [0, " << m_routers.GetN() << ")");
    return m_routers.Get(r);
}

uint32_t
SelmcastTopology::GetNLeaves() const
{
    return m_nLeaves;
}

uint32_t
SelmcastTopology::GetNSpines() const
{
    return m_nSpines;
}

bool
SelmcastTopology::IsSpine(uint32_t r) const
{
    return r >= m_nLeaves && r < m_nLeaves + m_nSpines;
}

const SelmcastAccessLink&
SelmcastTopology::GetWorkerLink(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_workerLinks.size(),
                    "worker " << i << " out of range [0, " << m_workerLinks.size() << ")");
    return m_workerLinks[i];
}

const SelmcastAccessLink&
SelmcastTopology::GetControllerLink() const
{
    return m_controllerLink;
}

Ipv4Address
SelmcastTopology::GetWorkerAddress(uint32_t i) const
{
    return GetWorkerLink(i).hostAddress;
}

Ipv4Address
SelmcastTopology::GetControllerAddress() const
{
    return m_controllerLink.hostAddress;
}

DataRate
SelmcastTopology::GetIngressRate(uint32_t i) const
{
    return GetWorkerLink(i).ingress;
}

DataRate
SelmcastTopology::GetEgressRate(uint32_t i) const
{
    return GetWorkerLink(i).egress;
}

const std::vector<SelmcastRouterLink>&
SelmcastTopology::GetRouterLinks(uint32_t r) const
{
    NS_ABORT_MSG_IF(r >= m_graph.size(),
                    "router " << r << " out of range [0, " << m_graph.size() << ")");
    return m_graph[r];
}

const std::vector<uint32_t>&
SelmcastTopology::GetWorkersAt(uint32_t r) const
{
    NS_ABORT_MSG_IF(r >= m_workersAtRouter.size(),
                    "router " << r << " out of range [0, " << m_workersAtRouter.size() << ")");
    return m_workersAtRouter[r];
}

int32_t
SelmcastTopology::FindWorker(Ptr<const Node> node) const
{
    for (uint32_t i = 0; i < m_workers.GetN(); ++i)
    {
        if (m_workers.Get(i) == node)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

int32_t
SelmcastTopology::FindWorker(Ipv4Address address) const
{
    // The address plan puts worker i at 10.0.0.0 + 4 i + 2; check the link anyway, so that a
    // foreign address in the same range is not taken for a worker.
    uint32_t offset = address.Get() - WORKER_NET;
    if (address.Get() < WORKER_NET || offset % 4 != 2)
    {
        return -1;
    }
    uint32_t i = offset / 4;
    if (i < m_workerLinks.size() && m_workerLinks[i].hostAddress == address)
    {
        return static_cast<int32_t>(i);
    }
    return -1;
}

uint16_t
SelmcastTopology::GetMtu() const
{
    return m_mtu;
}

double
SelmcastTopology::GetBisectionBandwidth() const
{
    return m_bisectionBps;
}

double
SelmcastTopology::GetOversubscription() const
{
    return m_oversubscription;
}

void
SelmcastTopology::SnapshotUnicastRoutes()
{
    std::vector<Ipv4Address> hosts;
    for (const SelmcastAccessLink& link : m_workerLinks)
    {
        hosts.push_back(link.hostAddress);
    }
    hosts.push_back(m_controllerLink.hostAddress);
    NodeContainer nodes(m_workers, m_routers);
    nodes.Add(m_controller);
    for (uint32_t k = 0; k < nodes.GetN(); ++k)
    {
        Ptr<SelmcastRouting> routing =
            SelmcastRoutingHelper::GetRouting(nodes.Get(k)->GetObject<Ipv4>());
        if (routing)
        {
            routing->SnapshotUnicastRoutes(hosts);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SelmcastTopologyHelper

TypeId
SelmcastTopologyHelper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SelmcastTopologyHelper")
            .SetParent<ObjectBase>()
            .SetGroupName("Selmcast")
            .AddAttribute("Topology",
                          "The shape Install builds.",
                          EnumValue(SelmcastTopology::BIG_SWITCH),
                          MakeEnumAccessor(&SelmcastTopologyHelper::m_kind),
                          MakeEnumChecker(SelmcastTopology::BIG_SWITCH,
                                          "BigSwitch",
                                          SelmcastTopology::LEAF_SPINE,
                                          "LeafSpine",
                                          SelmcastTopology::FAT_TREE,
                                          "FatTree",
                                          SelmcastTopology::EDGE_LIST,
                                          "EdgeList"))
            .AddAttribute("Workers",
                          "n, the number of workers on the big switch, the fat-tree and the edge "
                          "list (>= 2). The leaf-spine fabric has Leaves x HostsPerLeaf workers "
                          "instead.",
                          UintegerValue(8),
                          MakeUintegerAccessor(&SelmcastTopologyHelper::m_workers),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Leaves",
                          "Number of leaf routers of the leaf-spine fabric (>= 1).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&SelmcastTopologyHelper::m_leaves),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Spines",
                          "Number of spine routers of the leaf-spine fabric (>= 1).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&SelmcastTopologyHelper::m_spines),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("HostsPerLeaf",
                          "Workers on each leaf of the leaf-spine fabric (>= 1).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SelmcastTopologyHelper::m_hostsPerLeaf),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MeanRate",
                          "b, the mean egress rate of a worker (router to worker); the mean "
                          "ingress rate is IngressRatio x b. Used when rates are drawn.",
                          DataRateValue(DataRate("10Gbps")),
                          MakeDataRateAccessor(&SelmcastTopologyHelper::m_meanRate),
                          MakeDataRateChecker())
            .AddAttribute("Spread",
                          "lambda, the relative spread of the drawn rates, in [0, 1): a port's "
                          "rate is its mean times (1 + lambda x), x uniform in [-1, 1].",
                          DoubleValue(0.25),
                          MakeDoubleAccessor(&SelmcastTopologyHelper::m_spread),
                          MakeDoubleChecker<double>())
            .AddAttribute("IngressRatio",
                          "mu, the ratio of mean ingress to mean egress rate (> 0).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SelmcastTopologyHelper::m_ingressRatio),
                          MakeDoubleChecker<double>())
            .AddAttribute("LinkDelay",
                          "Propagation delay of every link (>= 0).",
                          TimeValue(MicroSeconds(1)),
                          MakeTimeAccessor(&SelmcastTopologyHelper::m_linkDelay),
                          MakeTimeChecker())
            .AddAttribute("ControllerRate",
                          "Rate of both directions of the controller's link (> 0).",
                          DataRateValue(DataRate("10Gbps")),
                          MakeDataRateAccessor(&SelmcastTopologyHelper::m_controllerRate),
                          MakeDataRateChecker())
            .AddAttribute("LeafSpineRate",
                          "Rate of both directions of every leaf-spine link (> 0); with "
                          "HostsPerLeaf and MeanRate it sets the oversubscription.",
                          DataRateValue(DataRate("40Gbps")),
                          MakeDataRateAccessor(&SelmcastTopologyHelper::m_leafSpineRate),
                          MakeDataRateChecker())
            .AddAttribute("QueueSize",
                          "Capacity of every device's transmit queue (> 0).",
                          QueueSizeValue(QueueSize("1000p")),
                          MakeQueueSizeAccessor(&SelmcastTopologyHelper::m_queueSize),
                          MakeQueueSizeChecker())
            .AddAttribute("Mtu",
                          "MTU of every link in bytes, in [68, 65535]: 1500 by default, 9000 "
                          "for jumbo frames (about 6x fewer packets for the same bytes).",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&SelmcastTopologyHelper::m_mtu),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("QueueDisc",
                          "TypeId name of a root queue disc to install on every device (for "
                          "example ns3::PfifoFastQueueDisc), or empty for none: then the "
                          "device queue is the only queue, which is also the fastest.",
                          StringValue(""),
                          MakeStringAccessor(&SelmcastTopologyHelper::m_queueDisc),
                          MakeStringChecker())
            .AddAttribute("PopulateRoutes",
                          "Fill the unicast routing tables of all nodes with global routing "
                          "(Ipv4GlobalRoutingHelper::RecomputeRoutingTables) after building, "
                          "for control traffic. Turn off to add more nodes first and populate "
                          "the tables yourself.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SelmcastTopologyHelper::m_populateRoutes),
                          MakeBooleanChecker())
            .AddAttribute("Routing",
                          "How nodes forward: Selmcast (SelmcastRouting: hash-map lookups for the "
                          "trees, the hosts' unicast routes and local delivery, ns-3's static and "
                          "global routing for the rest) or Ns3 (ns-3's default list of static and "
                          "global routing; the trees are static multicast routes). Both forward "
                          "every packet the same way; Selmcast costs the same per packet at any "
                          "size of the fabric.",
                          EnumValue(SelmcastTopologyHelper::ROUTING_SELMCAST),
                          MakeEnumAccessor(&SelmcastTopologyHelper::m_routing),
                          MakeEnumChecker(SelmcastTopologyHelper::ROUTING_SELMCAST,
                                          "Selmcast",
                                          SelmcastTopologyHelper::ROUTING_NS3,
                                          "Ns3"))
            .AddAttribute("Oversubscription",
                          "Leaf-spine: when > 0, sets every leaf-spine link to HostsPerLeaf x "
                          "MeanRate / (Spines x Oversubscription), overriding LeafSpineRate (1: "
                          "non-blocking, 4: a leaf's hosts can send 4x what its uplinks carry).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&SelmcastTopologyHelper::m_oversubscription),
                          MakeDoubleChecker<double>())
            .AddAttribute("FatTreeK",
                          "Fat-tree: the arity k, even, in [2, 64]: k pods, k^3 / 4 host slots.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SelmcastTopologyHelper::m_fatTreeK),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("EdgeOversubscription",
                          "Fat-tree: MeanRate over the rate of the edge-aggregation links, in "
                          "(0, 1e6] (1: as fast as a host link; < 1: faster).",
                          DoubleValue(1),
                          MakeDoubleAccessor(&SelmcastTopologyHelper::m_edgeOversubscription),
                          MakeDoubleChecker<double>())
            .AddAttribute("AggOversubscription",
                          "Fat-tree: edge-aggregation rate over the rate of the aggregation-core "
                          "links, in (0, 1e6] (1: the same rate).",
                          DoubleValue(1),
                          MakeDoubleAccessor(&SelmcastTopologyHelper::m_aggOversubscription),
                          MakeDoubleChecker<double>())
            .AddAttribute("Placement",
                          "How workers fill the racks (leaves, edge switches, worker nodes of an "
                          "edge list): Packed (fill rack 0 first), Spread (round-robin over the "
                          "racks) or Random (uniform, drawn after the rates, so RngRun changes "
                          "it).",
                          EnumValue(SELMCAST_PLACE_PACKED),
                          MakeEnumAccessor(&SelmcastTopologyHelper::m_placement),
                          MakeEnumChecker(SELMCAST_PLACE_PACKED,
                                          "Packed",
                                          SELMCAST_PLACE_SPREAD,
                                          "Spread",
                                          SELMCAST_PLACE_RANDOM,
                                          "Random"))
            .AddAttribute("TopologyFile",
                          "Edge list: path of the CSV file (node,node,rate,delay per line).",
                          StringValue(""),
                          MakeStringAccessor(&SelmcastTopologyHelper::m_topologyFile),
                          MakeStringChecker())
            .AddAttribute("FileWorkers",
                          "Edge list: the nodes that take a worker: leaves (nodes with one link), "
                          "all, or names joined by '+'; Placement picks Workers of them.",
                          StringValue("leaves"),
                          MakeStringAccessor(&SelmcastTopologyHelper::m_fileWorkers),
                          MakeStringChecker())
            .AddAttribute("ControllerRouter",
                          "Big switch, leaf-spine, fat-tree: index of the router the controller "
                          "hangs off (leaves or edge switches first, then spines, aggregation "
                          "and core switches), in [0, routers - 1]. Edge lists: FileController.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SelmcastTopologyHelper::m_controllerRouter),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("FileController",
                          "Edge list: the node the controller hangs off (empty: the file's first "
                          "node).",
                          StringValue(""),
                          MakeStringAccessor(&SelmcastTopologyHelper::m_fileController),
                          MakeStringChecker())
            .AddAttribute("TopologyFormat",
                          "Edge list: the format of TopologyFile: Csv (node,node,rate,delay per "
                          "line) or one of ns-3's topology-read formats, read with ns-3's "
                          "TopologyReaderHelper: Inet, Orbis, Rocketfuel (their links get "
                          "FileLinkRate and FileLinkDelay).",
                          EnumValue(SELMCAST_FILE_CSV),
                          MakeEnumAccessor(&SelmcastTopologyHelper::m_topologyFormat),
                          MakeEnumChecker(SELMCAST_FILE_CSV,
                                          "Csv",
                                          SELMCAST_FILE_INET,
                                          "Inet",
                                          SELMCAST_FILE_ORBIS,
                                          "Orbis",
                                          SELMCAST_FILE_ROCKETFUEL,
                                          "Rocketfuel"))
            .AddAttribute("FileLinkRate",
                          "Edge list in Inet, Orbis or Rocketfuel format: the rate of both "
                          "directions of every router-to-router link (> 0); those formats give "
                          "none.",
                          DataRateValue(DataRate("40Gbps")),
                          MakeDataRateAccessor(&SelmcastTopologyHelper::m_fileLinkRate),
                          MakeDataRateChecker())
            .AddAttribute("FileLinkDelay",
                          "Edge list in Inet, Orbis or Rocketfuel format: the propagation delay "
                          "of every router-to-router link, in [0, 1s]; those formats give none.",
                          TimeValue(MicroSeconds(1)),
                          MakeTimeAccessor(&SelmcastTopologyHelper::m_fileLinkDelay),
                          MakeTimeChecker());
    return tid;
}

TypeId
SelmcastTopologyHelper::GetInstanceTypeId() const
{
    return GetTypeId();
}

SelmcastTopologyHelper::SelmcastTopologyHelper()
{
    NS_LOG_FUNCTION(this);
    // Applies the attribute defaults, including any changed by Config::SetDefault.
    ObjectBase::ConstructSelf(AttributeConstructionList());
    m_rateVariable = CreateObject<UniformRandomVariable>();
    m_rateVariable->SetAttribute("Min", DoubleValue(-1.0));
    m_rateVariable->SetAttribute("Max", DoubleValue(1.0));
}

void
SelmcastTopologyHelper::SetRates(const std::vector<DataRate>& ingress,
                                 const std::vector<DataRate>& egress)
{
    m_givenIngress = ingress;
    m_givenEgress = egress;
}

void
SelmcastTopologyHelper::ClearRates()
{
    m_givenIngress.clear();
    m_givenEgress.clear();
}

int64_t
SelmcastTopologyHelper::AssignStreams(int64_t stream)
{
    m_rateVariable->SetStream(stream);
    return 1;
}

uint32_t
SelmcastTopologyHelper::GetNWorkers(SelmcastTopology::Kind kind) const
{
    if (kind != SelmcastTopology::LEAF_SPINE)
    {
        return m_workers;
    }
    uint64_t n = static_cast<uint64_t>(m_leaves) * m_hostsPerLeaf;
    return n > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(n);
}

std::string
SelmcastTopologyHelper::Validate(SelmcastTopology::Kind kind) const
{
    std::ostringstream error;
    uint32_t n = GetNWorkers(kind);
    std::string placement = m_rankPolicy.Validate(n);
    if (!placement.empty())
    {
        return placement;
    }
    if (kind != SelmcastTopology::LEAF_SPINE)
    {
        if (m_workers < 2 || m_workers > MAX_WORKERS)
        {
            error << "Workers = " << m_workers << " must be in [2, " << MAX_WORKERS << "]";
            return error.str();
        }
        std::string fabric = ValidateFabric(kind);
        if (!fabric.empty())
        {
            return fabric;
        }
    }
    else
    {
        if (m_leaves < 1)
        {
            return "Leaves = 0 must be >= 1";
        }
        if (m_spines < 1)
        {
            return "Spines = 0 must be >= 1";
        }
        if (m_hostsPerLeaf < 1)
        {
            return "HostsPerLeaf = 0 must be >= 1";
        }
        uint64_t workers = static_cast<uint64_t>(m_leaves) * m_hostsPerLeaf;
        if (workers < 2 || workers > MAX_WORKERS)
        {
            error << "Leaves x HostsPerLeaf = " << workers << " workers must be in [2, "
                  << MAX_WORKERS << "]";
            return error.str();
        }
        uint64_t links = static_cast<uint64_t>(m_leaves) * m_spines;
        if (links > MAX_ROUTER_LINKS)
        {
            error << "Leaves x Spines = " << links << " links must be <= " << MAX_ROUTER_LINKS;
            return error.str();
        }
        if (!IsPositive(m_leafSpineRate))
        {
            return "LeafSpineRate must be > 0";
        }
        if (!(m_oversubscription >= 0 && m_oversubscription <= 1e6))
        {
            error << "Oversubscription = " << m_oversubscription
                  << " must be in [0, 1e6] (0: use LeafSpineRate)";
            return error.str();
        }
        std::string fabric = ValidateFabric(kind);
        if (!fabric.empty())
        {
            return fabric;
        }
    }
    if (!m_givenIngress.empty() || !m_givenEgress.empty())
    {
        if (m_givenIngress.size() != n || m_givenEgress.size() != n)
        {
            error << "SetRates: " << m_givenIngress.size() << " ingress and "
                  << m_givenEgress.size() << " egress rates given, need one per worker (" << n
                  << ")";
            return error.str();
        }
        for (uint32_t i = 0; i < n; ++i)
        {
            if (!IsPositive(m_givenIngress[i]) || !IsPositive(m_givenEgress[i]))
            {
                error << "SetRates: the rates of worker " << i << " must be > 0";
                return error.str();
            }
        }
    }
    else
    {
        if (!IsPositive(m_meanRate))
        {
            return "MeanRate must be > 0";
        }
        if (!(m_spread >= 0 && m_spread < 1))
        {
            error << "Spread (lambda) = " << m_spread << " must be in [0, 1)";
            return error.str();
        }
        if (!(m_ingressRatio > 0 && std::isfinite(m_ingressRatio)))
        {
            error << "IngressRatio (mu) = " << m_ingressRatio << " must be finite and > 0";
            return error.str();
        }
        // The smallest drawn rate, b mu (1 - lambda) or b (1 - lambda), must stay >= 1 bps.
        double smallest = static_cast<double>(m_meanRate.GetBitRate()) * (1 - m_spread) *
                          std::min(1.0, m_ingressRatio);
        if (smallest < 1)
        {
            error << "MeanRate x min(1, IngressRatio) x (1 - Spread) = " << smallest
                  << " bps must be >= 1 bps";
            return error.str();
        }
    }
    if (!IsPositive(m_controllerRate))
    {
        return "ControllerRate must be > 0";
    }
    if (m_linkDelay.IsStrictlyNegative())
    {
        return "LinkDelay must be >= 0";
    }
    if (m_queueSize.GetValue() == 0)
    {
        return "QueueSize must be > 0";
    }
    if (m_mtu < 68)
    {
        error << "Mtu = " << m_mtu << " must be in [68, 65535]";
        return error.str();
    }
    if (!m_queueDisc.empty())
    {
        TypeId tid;
        if (!TypeId::LookupByNameFailSafe(m_queueDisc, &tid) ||
            !tid.IsChildOf(QueueDisc::GetTypeId()))
        {
            error << "QueueDisc = \"" << m_queueDisc
                  << "\" must be empty or the TypeId name of a queue disc";
            return error.str();
        }
    }
    return "";
}

std::string
SelmcastTopologyHelper::ValidateFabric(SelmcastTopology::Kind kind) const
{
    std::ostringstream error;
    if (kind == SelmcastTopology::FAT_TREE)
    {
        if (m_fatTreeK < 2 || m_fatTreeK > 64 || m_fatTreeK % 2 != 0)
        {
            error << "FatTreeK = " << m_fatTreeK << " must be even and in [2, 64]";
            return error.str();
        }
        for (double ratio : {m_edgeOversubscription, m_aggOversubscription})
        {
            if (!(ratio > 0 && ratio <= 1e6))
            {
                error << "EdgeOversubscription and AggOversubscription = " << ratio
                      << " must be in (0, 1e6]";
                return error.str();
            }
        }
    }
    SelmcastFabricSpec spec;
    std::string problem = MakeSpec(kind, spec);
    if (!problem.empty())
    {
        return problem;
    }
    if (kind != SelmcastTopology::EDGE_LIST && m_controllerRouter >= spec.nRouters)
    {
        error << "controllerRouter: " << m_controllerRouter << " is out of range, allowed: [0, "
              << spec.nRouters - 1 << "]";
        return error.str();
    }
    if (spec.edges.size() > MAX_ROUTER_LINKS)
    {
        error << spec.edges.size() << " router-to-router links, must be <= " << MAX_ROUTER_LINKS;
        return error.str();
    }
    if (spec.GetSlots() < GetNWorkers(kind))
    {
        error << "n (Workers) = " << GetNWorkers(kind) << " is out of range, allowed: [2, "
              << spec.GetSlots() << "], the host slots of the topology";
        return error.str();
    }
    for (const SelmcastFabricEdge& edge : spec.edges)
    {
        if (!IsPositive(edge.rate))
        {
            return "the fabric's link rates must be >= 1 bps (MeanRate over the "
                   "oversubscription ratios)";
        }
    }
    return "";
}

std::string
SelmcastTopologyHelper::MakeSpec(SelmcastTopology::Kind kind, SelmcastFabricSpec& spec) const
{
    std::string error = MakeShape(kind, spec);
    if (error.empty() && kind != SelmcastTopology::EDGE_LIST)
    {
        spec.controllerRouter = m_controllerRouter;
    }
    return error;
}

std::string
SelmcastTopologyHelper::MakeShape(SelmcastTopology::Kind kind, SelmcastFabricSpec& spec) const
{
    switch (kind)
    {
    case SelmcastTopology::BIG_SWITCH:
        spec = SelmcastBigSwitchSpec(m_workers, m_meanRate);
        return "";
    case SelmcastTopology::LEAF_SPINE: {
        DataRate fabric = m_leafSpineRate;
        if (m_oversubscription > 0)
        {
            fabric = DataRate(static_cast<uint64_t>(
                std::llround(static_cast<double>(m_meanRate.GetBitRate()) * m_hostsPerLeaf /
                             (m_spines * m_oversubscription))));
        }
        spec = SelmcastLeafSpineSpec(m_leaves,
                                     m_spines,
                                     m_hostsPerLeaf,
                                     m_meanRate,
                                     fabric,
                                     m_linkDelay);
        return "";
    }
    case SelmcastTopology::FAT_TREE: {
        const double b = static_cast<double>(m_meanRate.GetBitRate());
        DataRate edge(static_cast<uint64_t>(std::llround(b / m_edgeOversubscription)));
        DataRate core(static_cast<uint64_t>(
            std::llround(b / (m_edgeOversubscription * m_aggOversubscription))));
        spec = SelmcastFatTreeSpec(m_fatTreeK, m_meanRate, edge, core, m_linkDelay);
        return "";
    }
    case SelmcastTopology::EDGE_LIST:
        if (m_topologyFile.empty())
        {
            return "TopologyFile must name a CSV edge list (node,node,rate,delay per line)";
        }
        if (m_topologyFormat != SELMCAST_FILE_CSV)
        {
            if (!IsPositive(m_fileLinkRate) || m_fileLinkDelay.IsStrictlyNegative() ||
                m_fileLinkDelay > Seconds(1))
            {
                return "FileLinkRate must be > 0 and FileLinkDelay in [0, 1s]";
            }
            return SelmcastReadFabricNs3(m_topologyFile,
                                         m_topologyFormat,
                                         m_fileLinkRate,
                                         m_fileLinkDelay,
                                         m_fileWorkers,
                                         m_fileController,
                                         spec);
        }
        return SelmcastReadFabricCsv(m_topologyFile, m_fileWorkers, m_fileController, spec);
    }
    return "unknown topology kind";
}

void
SelmcastTopologyHelper::ConnectRouters(Ptr<SelmcastTopology> topology,
                                       const SelmcastFabricEdge& edge,
                                       uint32_t subnet,
                                       PointToPointHelper& p2p,
                                       NetDeviceContainer& allDevices) const
{
    p2p.SetDeviceAttribute("DataRate", DataRateValue(edge.rate));
    p2p.SetChannelAttribute("Delay", TimeValue(edge.delay));
    NetDeviceContainer devices =
        p2p.Install(topology->m_routers.Get(edge.a), topology->m_routers.Get(edge.b));
    allDevices.Add(devices);
    auto aDevice = DynamicCast<PointToPointNetDevice>(devices.Get(0));
    auto bDevice = DynamicCast<PointToPointNetDevice>(devices.Get(1));
    uint32_t aInterface = AddInterface(aDevice, Ipv4Address(subnet + 1));
    uint32_t bInterface = AddInterface(bDevice, Ipv4Address(subnet + 2));
    SelmcastRouterLink fromA;
    fromA.neighbour = edge.b;
    fromA.localInterface = aInterface;
    fromA.remoteInterface = bInterface;
    fromA.localDevice = aDevice;
    fromA.remoteDevice = bDevice;
    topology->m_graph[edge.a].push_back(fromA);
    SelmcastRouterLink fromB;
    fromB.neighbour = edge.a;
    fromB.localInterface = bInterface;
    fromB.remoteInterface = aInterface;
    fromB.localDevice = bDevice;
    fromB.remoteDevice = aDevice;
    topology->m_graph[edge.b].push_back(fromB);
}

void
SelmcastTopologyHelper::CreateNodes(Ptr<SelmcastTopology> topology,
                                    const SelmcastFabricSpec& spec,
                                    uint32_t n) const
{
    // Every node on the rank the policy gives it (all on rank 0 without one); a router's rank
    // follows its first worker in a list policy.
    const SelmcastRankPolicy& ranks = m_rankPolicy;
    std::vector<uint32_t> firstWorker(spec.nRouters, 0);
    for (uint32_t i = n; i-- > 0;)
    {
        firstWorker[spec.workerRouter[i]] = i;
    }
    // Workers, controller, routers: the order of node ids every earlier run had.
    for (uint32_t i = 0; i < n; ++i)
    {
        topology->m_workers.Add(ranks.CreateNode(ranks.WorkerRank(i, spec.workerRouter[i])));
    }
    const uint32_t home = spec.controllerRouter;
    topology->m_controller =
        ranks.CreateNode(home < spec.nLeaves ? ranks.LeafRank(home, firstWorker[home])
                                             : ranks.SpineRank(home - spec.nLeaves));
    for (uint32_t r = 0; r < spec.nRouters; ++r)
    {
        topology->m_routers.Add(ranks.CreateNode(r < spec.nLeaves
                                                     ? ranks.LeafRank(r, firstWorker[r])
                                                     : ranks.SpineRank(r - spec.nLeaves)));
    }
}

void
SelmcastTopologyHelper::MakeRates(uint32_t n,
                                  std::vector<DataRate>& ingress,
                                  std::vector<DataRate>& egress)
{
    if (!m_givenIngress.empty())
    {
        ingress = m_givenIngress;
        egress = m_givenEgress;
        return;
    }
    // Same order as the selection core's MakePaperProblem: all egress draws, then all ingress.
    double b = static_cast<double>(m_meanRate.GetBitRate());
    egress.resize(n);
    ingress.resize(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        double x = m_rateVariable->GetValue();
        egress[i] = DataRate(static_cast<uint64_t>(std::llround(b * (1 + m_spread * x))));
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        double y = m_rateVariable->GetValue();
        ingress[i] =
            DataRate(static_cast<uint64_t>(std::llround(b * m_ingressRatio * (1 + m_spread * y))));
    }
}

void
SelmcastTopologyHelper::SetRankPolicy(const SelmcastRankPolicy& policy)
{
    m_rankPolicy = policy;
}

Ptr<SelmcastTopology>
SelmcastTopologyHelper::Install()
{
    return Build(m_kind);
}

Ptr<SelmcastTopology>
SelmcastTopologyHelper::InstallBigSwitch()
{
    return Build(SelmcastTopology::BIG_SWITCH);
}

Ptr<SelmcastTopology>
SelmcastTopologyHelper::InstallLeafSpine()
{
    return Build(SelmcastTopology::LEAF_SPINE);
}

Ptr<SelmcastTopology>
SelmcastTopologyHelper::InstallFatTree()
{
    return Build(SelmcastTopology::FAT_TREE);
}

Ptr<SelmcastTopology>
SelmcastTopologyHelper::InstallEdgeList()
{
    return Build(SelmcastTopology::EDGE_LIST);
}

Ptr<SelmcastTopology>
SelmcastTopologyHelper::Build(SelmcastTopology::Kind kind)
{
    NS_LOG_FUNCTION(this << kind);
    std::string error = Validate(kind);
    NS_ABORT_MSG_IF(!error.empty(), "SelmcastTopologyHelper: " << error);

    const uint32_t n = GetNWorkers(kind);
    SelmcastFabricSpec spec;
    MakeSpec(kind, spec);
    std::vector<DataRate> ingress;
    std::vector<DataRate> egress;
    MakeRates(n, ingress, egress);
    // After the rates: a random placement does not change the rates of a run.
    SelmcastPlace(spec, n, m_placement, [this]() { return (m_rateVariable->GetValue() + 1) / 2; });

    Ptr<SelmcastTopology> topology = CreateObject<SelmcastTopology>();
    topology->m_kind = kind;
    topology->m_nLeaves = spec.nLeaves;
    topology->m_nSpines = spec.nSpines;
    topology->m_mtu = m_mtu;
    topology->m_bisectionBps = spec.bisectionBps;
    topology->m_oversubscription = spec.oversubscription;
    const uint32_t nRouters = spec.nRouters;
    CreateNodes(topology, spec, n);
    topology->m_graph.resize(nRouters);
    topology->m_workersAtRouter.resize(nRouters);

    InternetStackHelper stack;
    if (m_routing == ROUTING_SELMCAST)
    {
        stack.SetRoutingHelper(SelmcastRoutingHelper());
    }
    stack.Install(topology->m_workers);
    stack.Install(topology->m_controller);
    stack.Install(topology->m_routers);

    PointToPointHelper p2p;
    p2p.SetChannelAttribute("Delay", TimeValue(m_linkDelay));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(m_mtu));
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", QueueSizeValue(m_queueSize));
    NetDeviceContainer allDevices;

    // One access link per host; the host's device carries the ingress direction.
    auto connectHost =
        [&](Ptr<Node> host, uint32_t router, DataRate up, DataRate down, uint32_t subnet) {
            NetDeviceContainer devices = p2p.Install(host, topology->m_routers.Get(router));
            allDevices.Add(devices);
            SelmcastAccessLink link;
            link.host = host;
            link.router = router;
            link.hostDevice = DynamicCast<PointToPointNetDevice>(devices.Get(0));
            link.routerDevice = DynamicCast<PointToPointNetDevice>(devices.Get(1));
            link.hostDevice->SetDataRate(up);
            link.routerDevice->SetDataRate(down);
            link.routerAddress = Ipv4Address(subnet + 1);
            link.hostAddress = Ipv4Address(subnet + 2);
            link.hostInterface = AddInterface(link.hostDevice, link.hostAddress);
            link.routerInterface = AddInterface(link.routerDevice, link.routerAddress);
            link.ingress = up;
            link.egress = down;
            return link;
        };

    for (uint32_t i = 0; i < n; ++i)
    {
        uint32_t router = spec.workerRouter[i];
        topology->m_workerLinks.push_back(connectHost(topology->m_workers.Get(i),
                                                      router,
                                                      ingress[i],
                                                      egress[i],
                                                      WORKER_NET + 4 * i));
        topology->m_workersAtRouter[router].push_back(i);
    }
    topology->m_controllerLink = connectHost(topology->m_controller,
                                             spec.controllerRouter,
                                             m_controllerRate,
                                             m_controllerRate,
                                             CONTROLLER_NET);
    for (uint32_t k = 0; k < spec.edges.size(); ++k)
    {
        ConnectRouters(topology, spec.edges[k], FABRIC_NET + 4 * k, p2p, allDevices);
    }

    if (!m_queueDisc.empty())
    {
        TrafficControlHelper tch;
        tch.SetRootQueueDisc(m_queueDisc);
        tch.Install(allDevices);
    }
    if (m_populateRoutes)
    {
        // Recompute rather than Populate: safe when routes were already populated (another
        // topology in the same simulation), where Populate would add duplicates.
        Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    }
    if (m_routing == ROUTING_SELMCAST)
    {
        // Routers run no application: a multicast packet they forward is not delivered up.
        for (uint32_t r = 0; r < nRouters; ++r)
        {
            SelmcastRoutingHelper::GetRouting(topology->GetRouter(r)->GetObject<Ipv4>())
                ->SetAttribute("MulticastLocalDelivery", BooleanValue(false));
        }
        topology->SnapshotUnicastRoutes();
    }
    // One receive handler per protocol for all devices (unless SelmcastDeviceDemux::Enabled is
    // false): ns-3's per-device ones cost a switch two scans of 2n entries per packet.
    NodeContainer nodes(topology->m_workers, topology->m_routers);
    nodes.Add(topology->m_controller);
    for (uint32_t k = 0; k < nodes.GetN(); ++k)
    {
        SelmcastDeviceDemux::Install(nodes.Get(k));
    }
    NS_LOG_INFO("built topology kind " << kind << " with " << n << " workers and " << nRouters
                                       << " routers");
    return topology;
}

} // namespace ns3
