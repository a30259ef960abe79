/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Scenario scaffolding shared by the packet-level training test suites (selmcast-training and
// selmcast-ssp): the big-switch network, error models on access links, the training helper's
// common attributes, the result files and reading them back. Each suite keeps its own scenario
// knobs, recorder and checks.

#ifndef SELMCAST_TEST_SCENARIO_H
#define SELMCAST_TEST_SCENARIO_H

#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/nstime.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace selmcast_test
{

/**
 * Install a big switch of n workers with drawn or given access rates (topology streams from 1).
 * \param n workers
 * \param spread spread of the drawn rates
 * \param meanRate mean link rate
 * \param ingress given b^I (empty: drawn)
 * \param egress given b^E (used with ingress)
 * \return the network
 */
inline Ptr<SelmcastTopology>
InstallBigSwitch(uint32_t n,
                 double spread,
                 DataRate meanRate,
                 const std::vector<DataRate>& ingress = {},
                 const std::vector<DataRate>& egress = {})
{
    SelmcastTopologyHelper topo;
    topo.SetAttribute("Workers", UintegerValue(n));
    topo.SetAttribute("Spread", DoubleValue(spread));
    topo.SetAttribute("MeanRate", DataRateValue(meanRate));
    if (!ingress.empty())
    {
        topo.SetRates(ingress, egress);
    }
    topo.AssignStreams(1);
    return topo.InstallBigSwitch();
}

/**
 * Drop packets at random on both ends of an access link (a receive error model on each device).
 * \param link the link
 * \param rate the packet error rate (1: the link is down)
 * \param stream the error models' random stream, or -1 to leave it unassigned
 */
inline void
SetLinkLoss(const SelmcastAccessLink& link, double rate, int64_t stream = -1)
{
    for (Ptr<PointToPointNetDevice> dev : {link.hostDevice, link.routerDevice})
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorRate", DoubleValue(rate));
        em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        if (stream >= 0)
        {
            em->AssignStreams(stream);
        }
        dev->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
}

/**
 * Drop everything on a worker's access link, both directions.
 * \param topology the network
 * \param worker the worker
 */
inline void
CutOffWorker(Ptr<SelmcastTopology> topology, uint32_t worker)
{
    SetLinkLoss(topology->GetWorkerLink(worker), 1.0);
}

/**
 * Loss on the controller's link, both ways (stream 7); nothing when the rate is 0. Every control
 * message crosses this link.
 * \param topology the network
 * \param rate the packet loss rate
 */
inline void
SetControlLoss(Ptr<SelmcastTopology> topology, double rate)
{
    if (rate > 0)
    {
        SetLinkLoss(topology->GetControllerLink(), rate, 7);
    }
}

/** The training helper knobs both suites set the same way. */
struct TrainingKnobs
{
    uint64_t blockSize;       //!< bytes per block (1440-byte segments)
    std::string computeModel; //!< compute model
    Time computeMean;         //!< mean compute time
    Time workerTimeout;       //!< the controller's worker timeout
    uint32_t p;               //!< MinReceivers
    uint32_t k;               //!< ForcedRoundLimit
    uint32_t rounds;          //!< Rounds
    std::string selector;     //!< Selector
};

/**
 * Set the common attributes of a training helper (2 ms heartbeats); the caller adds its mode's
 * own controller attributes before SelmcastTrainingHelper::Install.
 * \param training the helper
 * \param knobs the values
 */
inline void
ConfigureTraining(SelmcastTrainingHelper& training, const TrainingKnobs& knobs)
{
    training.SetBlock(knobs.blockSize, 1440);
    training.SetTrainerAttribute("ComputeModel", StringValue(knobs.computeModel));
    training.SetTrainerAttribute("ComputeMean", TimeValue(knobs.computeMean));
    training.SetTrainerAttribute("HeartbeatInterval", TimeValue(MilliSeconds(2)));
    training.SetControllerAttribute("WorkerTimeout", TimeValue(knobs.workerTimeout));
    training.SetControllerAttribute("MinReceivers", UintegerValue(knobs.p));
    training.SetControllerAttribute("ForcedRoundLimit", UintegerValue(knobs.k));
    training.SetControllerAttribute("Rounds", UintegerValue(knobs.rounds));
    training.SetControllerAttribute("Selector", StringValue(knobs.selector));
}

/**
 * Open the result files of a run ("run" prefix, parameter n) and connect them.
 * \tparam Results SelmcastResults or SelmcastSspResults
 * \param outDir the folder (empty: no files)
 * \param n workers
 * \param training the installed helper
 * \return the writer, or null when outDir is empty
 */
template <class Results>
std::unique_ptr<Results>
OpenResults(const std::string& outDir, uint32_t n, SelmcastTrainingHelper& training)
{
    std::unique_ptr<Results> results;
    if (!outDir.empty())
    {
        results = std::make_unique<Results>(outDir, "run", false);
        results->AddParameter("n", std::to_string(n));
        results->Open();
        results->Connect(training.GetController(), training.GetTrainers());
    }
    return results;
}

/** Run the simulation, stopping it at 100 s at the latest. */
inline void
RunSimulation()
{
    Simulator::Stop(Seconds(100));
    Simulator::Run();
}

/**
 * \param path a file
 * \return its bytes
 */
inline std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

} // namespace selmcast_test
} // namespace ns3

#endif /* SELMCAST_TEST_SCENARIO_H */
