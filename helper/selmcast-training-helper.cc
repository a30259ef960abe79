/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-training-helper.h"

#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/pointer.h"
#include "ns3/selmcast-compute-model.h"
#include "ns3/selmcast-problem.h"
#include "ns3/selmcast-rate-allocator.h"
#include "ns3/selmcast-router-agent.h"
#include "ns3/selmcast-selector.h"
#include "ns3/selmcast-worker.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{

uint32_t
SelmcastBspParameters::EffectiveP() const
{
    if (p != 0)
    {
        return p;
    }
    return std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(pRatio * n)));
}

std::string
SelmcastBspParameters::ValidateControlPath(double slowestBps) const
{
    // A worker's heartbeats share its access link with its data: one full frame ahead of a
    // heartbeat must leave within a quarter of WorkerTimeout (the rest covers the heartbeat
    // interval and the queue), or the controller excludes a worker that is only slow.
    TypeId::AttributeInformation info;
    SelmcastController::GetTypeId().LookupAttributeByName("WorkerTimeout", &info);
    const Time timeout = DynamicCast<const TimeValue>(info.initialValue)->Get();
    const double neededBps = 4 * (mtu + 2) * 8 / timeout.GetSeconds();
    if (slowestBps >= neededBps)
    {
        return "";
    }
    std::ostringstream err;
    err << "bandwidth, mu, lambda: the slowest access rate b x min(1, mu) x (1 - lambda) = "
        << slowestBps << " bps cannot carry a " << mtu + 2
        << "-byte frame within WorkerTimeout / 4 = " << timeout.GetMilliSeconds() / 4.0
        << " ms, so the workers' heartbeats would queue behind their data and every worker would "
           "be "
           "excluded; allowed: >= "
        << neededBps << " bps (or a longer --ns3::SelmcastController::WorkerTimeout)";
    return err.str();
}

std::string
SelmcastBspParameters::Validate() const
{
    std::ostringstream err;
    std::string error;
    if (topology != "bigswitch" && topology != "leafspine" && topology != "fattree" &&
        topology != "file")
    {
        return "topology: unknown '" + topology + "', allowed: bigswitch, leafspine, fattree, file";
    }
    if (placement != "packed" && placement != "spread" && placement != "random")
    {
        return "placement: unknown '" + placement + "', allowed: packed, spread, random";
    }
    if (topology == "fattree" && (fatTreeK % 2 != 0 || fatTreeK < 2 || fatTreeK > 64))
    {
        err << "fatTreeK: " << fatTreeK << " is out of range, allowed: even, in [2, 64]";
        return err.str();
    }
    if (topology == "fattree" && n > fatTreeK * fatTreeK * fatTreeK / 4)
    {
        err << "n: " << n
            << " is out of range, allowed: [2, k^3 / 4 = " << fatTreeK * fatTreeK * fatTreeK / 4
            << "] on a fat-tree with fatTreeK = " << fatTreeK;
        return err.str();
    }
    if (!(background >= 0 && background < 1))
    {
        err << "background: " << background << " is out of range, allowed: [0, 1)";
        return err.str();
    }
    if (topology == "file" && topologyFile.empty())
    {
        return "topologyFile: empty, allowed: the path of a CSV edge list (topology=file)";
    }
    if (topologyFormat != "csv" && topologyFormat != "inet" && topologyFormat != "orbis" &&
        topologyFormat != "rocketfuel")
    {
        return "topologyFormat: unknown '" + topologyFormat +
               "', allowed: csv, inet, orbis, rocketfuel";
    }
    if (n < 2 || n > MAX_WORKERS)
    {
        err << "n: " << n << " is out of range, allowed: [2, " << MAX_WORKERS << "]";
        return err.str();
    }
    if (topology == "leafspine")
    {
        if (hostsPerLeaf == 0 || n % hostsPerLeaf != 0)
        {
            err << "hostsPerLeaf: " << hostsPerLeaf << " does not divide n = " << n
                << ", allowed: a divisor of n";
            return err.str();
        }
        if (spines == 0)
        {
            return "spines: 0 is out of range, allowed: >= 1";
        }
    }
    if (p == 0 && !(pRatio > 0 && pRatio < 1))
    {
        err << "pRatio: " << pRatio << " is out of range, allowed: (0, 1)";
        return err.str();
    }
    if (EffectiveP() >= n)
    {
        err << "p: " << EffectiveP() << " is out of range, allowed: [1, n - 1] = [1, " << n - 1
            << "] (p < n)";
        return err.str();
    }
    if (k < 1 || k > MAX_ROUNDS)
    {
        err << "k: " << k << " is out of range, allowed: [1, " << MAX_ROUNDS << "]";
        return err.str();
    }
    try
    {
        selmcast::ParseDelivery(delivery);
    }
    catch (const std::invalid_argument&)
    {
        return "delivery: unknown '" + delivery + "', allowed: L3, L7";
    }
    if (blockSize == 0 || blockSize > MAX_BLOCK_SIZE)
    {
        err << "blockSize: " << blockSize << " is out of range, allowed: [1, " << MAX_BLOCK_SIZE
            << "]";
        return err.str();
    }
    // A segment travels in one IP packet: no fragmentation, whose loss would void a whole frame.
    const uint32_t overhead = SelmcastWorker::GetFrameOverhead();
    if (mtu < 68 || mtu > 65535) // the IPv4 minimum; PointToPointNetDevice holds 16 bits
    {
        err << "mtu: " << mtu
            << " is out of range, allowed: [68, 65535] (1500 for Ethernet, 9000 for jumbo frames)";
        return err.str();
    }
    if (segmentSize == 0 || segmentSize > mtu - overhead)
    {
        err << "segmentSize: " << segmentSize << " is out of range, allowed: [1, " << mtu - overhead
            << "] (mtu " << mtu << " - " << overhead << " bytes of headers)";
        return err.str();
    }
    if ((blockSize + segmentSize - 1) / segmentSize > MAX_SEGMENTS)
    {
        err << "segmentSize: " << segmentSize << " cuts blockSize " << blockSize
            << " into more than " << MAX_SEGMENTS
            << " segments (32-bit sequence numbers), allowed: >= "
            << (blockSize + MAX_SEGMENTS - 1) / MAX_SEGMENTS;
        return err.str();
    }
    DataRateValue rate;
    if (!rate.DeserializeFromString(bandwidth, MakeDataRateChecker()) ||
        rate.Get().GetBitRate() == 0)
    {
        return "bandwidth: '" + bandwidth + "' is not a positive data rate (e.g. 10Gbps)";
    }
    if (!(lambda >= 0 && lambda < 1))
    {
        err << "lambda: " << lambda << " is out of range, allowed: [0, 1)";
        return err.str();
    }
    if (!(mu > 0 && mu <= MAX_MU))
    {
        err << "mu: " << mu << " is out of range, allowed: (0, " << MAX_MU << "]";
        return err.str();
    }
    error = ValidateControlPath(rate.Get().GetBitRate() * (1 - lambda) * std::min(1.0, mu));
    if (!error.empty())
    {
        return error;
    }
    auto names = selmcast::SelectorNames();
    if (std::find(names.begin(), names.end(), selector) == names.end())
    {
        err << "selector: unknown '" << selector << "', allowed:";
        for (const auto& name : names)
        {
            err << " " << name;
        }
        return err.str();
    }
    if (!(computeMean >= 0 && computeMean <= MAX_COMPUTE_MEAN_MS))
    {
        err << "computeMean: " << computeMean << " is out of range, allowed: [0, "
            << MAX_COMPUTE_MEAN_MS << "] (ms)";
        return err.str();
    }
    auto models = selmcast::ComputeModelNames();
    if (std::find(models.begin(), models.end(), workload) == models.end())
    {
        err << "workload: unknown '" << workload << "', allowed:";
        for (const auto& name : models)
        {
            err << " " << name;
        }
        return err.str();
    }
    try
    {
        selmcast::ComputeTimeModel::Create(workload, computeMean, 0.5);
    }
    catch (const std::invalid_argument& e)
    {
        err << "computeMean: " << computeMean << " ms does not suit workload '" << workload << "' ("
            << e.what() << "), allowed: > 0 ms (0 only with workload constant)";
        return err.str();
    }
    if (rounds == 0 || rounds > MAX_ROUNDS)
    {
        err << "rounds: " << rounds << " is out of range, allowed: [1, " << MAX_ROUNDS << "]";
        return err.str();
    }
    if (outDir.empty())
    {
        return "outDir: must not be empty";
    }
    try
    {
        selmcast::ParseRatePolicy(ratePolicy);
    }
    catch (const std::invalid_argument&)
    {
        return "ratePolicy: unknown '" + ratePolicy +
               "', allowed: finish-together, maxmin, deadline";
    }
    return "";
}

SelmcastSspParameters::SelmcastSspParameters()
{
    ratePolicy = "maxmin";
    workload = "uniform";
    rounds = 5;
    outDir = "selmcast-ssp-output";
}

std::string
SelmcastSspParameters::Validate() const
{
    std::ostringstream err;
    // The SSP-only knobs first: a negative ssp must be named even if another knob is bad too.
    if (ssp < 0 || ssp > MAX_SSP)
    {
        err << "ssp: " << ssp << " is out of range, allowed: [0, " << MAX_SSP << "]";
        return err.str();
    }
    if (!(eta >= 0 && eta <= 1))
    {
        err << "eta: " << eta << " is out of range, allowed: [0, 1]";
        return err.str();
    }
    if (!(duration >= 0 && duration <= MAX_DURATION))
    {
        err << "duration: " << duration << " is out of range, allowed: [0, " << MAX_DURATION
            << "] seconds (0: rounds)";
        return err.str();
    }
    if (tauOrder != "non-decreasing" && tauOrder != "non-increasing")
    {
        return "tauOrder: unknown '" + tauOrder + "', allowed: non-decreasing, non-increasing";
    }
    if (paretoLoad != "new" && paretoLoad != "old")
    {
        return "paretoLoad: unknown '" + paretoLoad + "', allowed: new, old";
    }
    if (selector == "optimum")
    {
        return "selector: 'optimum' has no SSP form, allowed: selmcast selmcast-fabric random "
               "broadcast";
    }
    if (selector != "selmcast" && selector != "selmcast-fabric" && selector != "random" &&
        selector != "broadcast")
    {
        return "selector: unknown '" + selector +
               "', allowed: selmcast selmcast-fabric random broadcast";
    }
    std::string base = SelmcastBspParameters::Validate();
    if (!base.empty())
    {
        return base;
    }
    if (ratePolicy != "maxmin" && ratePolicy != "deadline")
    {
        return "ratePolicy: unknown '" + ratePolicy + "' for SSP, allowed: maxmin, deadline";
    }
    return "";
}

SelmcastTrainingHelper::SelmcastTrainingHelper()
{
    m_workerFactory.SetTypeId(SelmcastWorker::GetTypeId());
    m_trainerFactory.SetTypeId(SelmcastTrainer::GetTypeId());
    m_controllerFactory.SetTypeId(SelmcastController::GetTypeId());
    // Wire-byte pacing: 20 (IPv4) + 8 (UDP) + 32 (data header) + 2 (PPP) per segment.
    m_workerFactory.Set("PacingOverhead", UintegerValue(SelmcastWorker::GetFrameOverhead() + 2));
    m_controllerFactory.Set("FrameOverhead", UintegerValue(SelmcastWorker::GetFrameOverhead() + 2));
}

void
SelmcastTrainingHelper::SetWorkerAttribute(std::string name, const AttributeValue& value)
{
    m_workerFactory.Set(name, value);
}

void
SelmcastTrainingHelper::SetTrainerAttribute(std::string name, const AttributeValue& value)
{
    m_trainerFactory.Set(name, value);
}

void
SelmcastTrainingHelper::SetControllerAttribute(std::string name, const AttributeValue& value)
{
    m_controllerFactory.Set(name, value);
}

void
SelmcastTrainingHelper::SetBlock(uint64_t blockSize, uint32_t segmentSize)
{
    m_workerFactory.Set("BlockSize", UintegerValue(blockSize));
    m_workerFactory.Set("SegmentSize", UintegerValue(segmentSize));
    m_controllerFactory.Set("BlockSize", UintegerValue(blockSize));
    m_controllerFactory.Set("SegmentSize", UintegerValue(segmentSize));
}

void
SelmcastTrainingHelper::AddLocal(Ptr<Node> node, Ptr<Application> app)
{
    // Every rank creates every application (the same objects and random streams everywhere);
    // only the rank that simulates the node runs it.
    if (SelmcastRankPolicy::IsLocal(node))
    {
        node->AddApplication(app);
    }
}

ApplicationContainer
SelmcastTrainingHelper::Install(Ptr<SelmcastTopology> topology)
{
    ApplicationContainer apps;
    m_workers.clear();
    m_trainers.clear();
    uint32_t n = topology->GetNWorkers();
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<SelmcastWorker> worker = m_workerFactory.Create<SelmcastWorker>();
        worker->SetAttribute("WorkerId", UintegerValue(i));
        AddLocal(topology->GetWorker(i), worker);
        m_workers.push_back(worker);
        apps.Add(worker);
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<SelmcastTrainer> trainer = m_trainerFactory.Create<SelmcastTrainer>();
        trainer->SetAttribute("WorkerId", UintegerValue(i));
        trainer->SetAttribute("Controller", Ipv4AddressValue(topology->GetControllerAddress()));
        trainer->SetAttribute("Worker", PointerValue(m_workers[i]));
        AddLocal(topology->GetWorker(i), trainer);
        m_trainers.push_back(trainer);
        apps.Add(trainer);
    }
    m_controller = m_controllerFactory.Create<SelmcastController>();
    m_controller->SetTopology(topology);
    AddLocal(topology->GetController(), m_controller);
    apps.Add(m_controller);
    // The controller's tree changes are applied by an agent on every router and sender.
    NodeContainer agentNodes(topology->GetRouters(), topology->GetWorkers());
    for (uint32_t k = 0; k < agentNodes.GetN(); ++k)
    {
        Ptr<SelmcastRouterAgent> agent = CreateObject<SelmcastRouterAgent>();
        AddLocal(agentNodes.Get(k), agent);
        apps.Add(agent);
    }
    return apps;
}

Ptr<SelmcastController>
SelmcastTrainingHelper::GetController() const
{
    return m_controller;
}

const std::vector<Ptr<SelmcastTrainer>>&
SelmcastTrainingHelper::GetTrainers() const
{
    return m_trainers;
}

const std::vector<Ptr<SelmcastWorker>>&
SelmcastTrainingHelper::GetWorkers() const
{
    return m_workers;
}

int64_t
SelmcastTrainingHelper::AssignStreams(int64_t stream)
{
    int64_t used = 0;
    if (m_controller)
    {
        used += m_controller->AssignStreams(stream + used);
    }
    for (auto& trainer : m_trainers)
    {
        used += trainer->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
