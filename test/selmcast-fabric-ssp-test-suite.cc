/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Suite "selmcast-fabric-ssp": SSP runs with the controller on the fabric its topology built
// (issue 11, part 3 for SSP). Where no fabric link can limit the rates (the big switch, a
// leaf-spine whose core links are 16x the hosts' mean rate) selmcast-fabric's result files are
// selmcast's, byte for byte. On a leaf-spine at 4:1 the controller keeps every link within its
// capacity (SspFabricRates scale and links, max-min and deadline priority), for every selector: the
// transmit queues of the leaf-spine links, where an overload would pile up, stay within 3n packets.
// The same runs with the ports-only rates (no fabric) overload them: that control shows the check
// can fail.

#include "ns3/double.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/queue.h"
#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-fabric-builder.h"
#include "ns3/selmcast-scenario-helper.h"
#include "ns3/selmcast-ssp-results.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace ns3;

namespace
{

/** What an SSP run left behind. */
struct SspRun
{
    std::string csv;           //!< the multicasts CSV
    std::string json;          //!< the summary JSON
    uint32_t multicasts{0};    //!< multicasts recorded
    uint32_t coreBacklog{0};   //!< largest queue of a router-to-router device, packets
    uint32_t accessBacklog{0}; //!< largest queue of a router's device toward a worker, packets
};

/**
 * PacketsInQueue sink: keep the largest value.
 * \param largest where it goes
 * \param before the old value
 * \param now the new value
 */
void
KeepLargest(uint32_t* largest, uint32_t before, uint32_t now)
{
    *largest = std::max(*largest, now);
}

/**
 * \param path a file
 * \return its text
 */
std::string
ReadText(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/**
 * Watch the transmit queues of the routers: toward other routers and toward the workers.
 * \param topology the network
 * \param run where the largest queues go
 */
void
WatchQueues(Ptr<SelmcastTopology> topology, SspRun& run)
{
    for (uint32_t r = 0; r < topology->GetNRouters(); ++r)
    {
        for (const SelmcastRouterLink& link : topology->GetRouterLinks(r))
        {
            link.localDevice->GetQueue()->TraceConnectWithoutContext(
                "PacketsInQueue",
                MakeBoundCallback(&KeepLargest, &run.coreBacklog));
        }
    }
    for (uint32_t i = 0; i < topology->GetNWorkers(); ++i)
    {
        topology->GetWorkerLink(i).routerDevice->GetQueue()->TraceConnectWithoutContext(
            "PacketsInQueue",
            MakeBoundCallback(&KeepLargest, &run.accessBacklog));
    }
}

/**
 * Run SSP training as selmcast-ssp does, with or without the controller on the fabric.
 * \param par the parameters (topology, selector, sizes)
 * \param onFabric call SelmcastPlanOnFabric
 * \param outDir where the result files go
 * \param fabricRates the controller's SspFabricRates
 * \return the run's files and queues
 */
SspRun
RunSsp(const SelmcastSspParameters& par,
       bool onFabric,
       const std::string& outDir,
       const std::string& fabricRates = "scale")
{
    SelmcastTopologyHelper topo;
    SelmcastConfigureTopology(topo, par);
    topo.AssignStreams(1);
    Ptr<SelmcastTopology> topology = topo.Install();
    SelmcastTrainingHelper training;
    SelmcastConfigureSspTraining(training, par);
    training.SetControllerAttribute("SspFabricRates", StringValue(fabricRates));
    training.Install(topology);
    training.AssignStreams(100);
    if (onFabric)
    {
        SelmcastPlanOnFabric(training.GetController());
    }
    SspRun run;
    WatchQueues(topology, run);
    SelmcastSspResults results(outDir, "run", false);
    results.Open();
    results.Connect(training.GetController(), training.GetTrainers());
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    results.Finalize();
    run.multicasts = results.GetMulticasts();
    Simulator::Destroy();
    run.csv = ReadText(results.GetCsvPath());
    run.json = ReadText(results.GetJsonPath());
    return run;
}

/**
 * Eight workers on two leaves of four, two spines, 10 Gbps hosts (lambda 0.25), 1 MB blocks in
 * jumbo frames, uniform compute of 2 ms mean, p = 3, k = 2, six rounds each.
 * \param oversubscription the leaves' oversubscription
 * \param selector the selector
 * \return the parameters
 */
SelmcastSspParameters
LeafSpine(double oversubscription, const std::string& selector)
{
    SelmcastSspParameters par;
    par.topology = "leafspine";
    par.n = 8;
    par.hostsPerLeaf = 4;
    par.spines = 2;
    par.oversubscription = oversubscription;
    par.p = 3;
    par.k = 2;
    par.mtu = 9000;
    par.segmentSize = 8940;
    par.computeMean = 2;
    par.rounds = 6;
    par.selector = selector;
    return par;
}

/**
 * Where no fabric link can limit the rates, selmcast-fabric is selmcast: the same multicasts
 * CSV and summary JSON (the selector is not among the recorded parameters).
 */
class PortBoundSameRunTestCase : public TestCase
{
  public:
    /** \param topology bigswitch or leafspine */
    explicit PortBoundSameRunTestCase(std::string topology)
        : TestCase("port-bound " + topology + ": selmcast-fabric's SSP run is selmcast's"),
          m_topology(topology)
    {
    }

  private:
    void DoRun() override
    {
        SspRun runs[2];
        const char* selectors[2] = {"selmcast", "selmcast-fabric"};
        for (int s = 0; s < 2; ++s)
        {
            // Core links at 16x the mean host rate: every spine-leaf link outruns its receivers.
            SelmcastSspParameters par = LeafSpine(1.0 / 16, selectors[s]);
            par.topology = m_topology;
            runs[s] = RunSsp(par, true, CreateTempDirFilename(selectors[s]));
            NS_TEST_ASSERT_MSG_GT(runs[s].multicasts, 6 * par.n - 1, "every round completes");
        }
        NS_TEST_ASSERT_MSG_EQ(runs[0].csv, runs[1].csv, "the same multicasts, row for row");
        NS_TEST_ASSERT_MSG_EQ(runs[0].json, runs[1].json, "the same summary");
    }

    std::string m_topology; //!< bigswitch or leafspine
};

/**
 * On a leaf-spine at 4:1 the rates on the fabric (SspFabricRates) keep every
 * leaf-spine link's transmit queue within 3n packets (over any interval, a link is offered at
 * most its capacity times the interval plus that much); the ports-only rates overload the core
 * (the control: the queue grows beyond 10n). The slack covers the control path's delay: a
 * sender learns a new rate one message later, and the controller's fluid estimate, which frees
 * a finished flow's share, runs ahead of the senders by their start latency. The routers' queues
 * toward the workers, which the port rates never overload, show the same few packets.
 */
class CoreWithinCapacityTestCase : public TestCase
{
  public:
    /**
     * \param selector the selector
     * \param control also run the ports-only rates and require an overloaded core
     * \param ratePolicy SspRatePolicy: maxmin or deadline
     * \param fabricRates SspFabricRates: scale or links
     */
    CoreWithinCapacityTestCase(std::string selector,
                               bool control,
                               std::string ratePolicy,
                               std::string fabricRates = "scale")
        : TestCase("leaf-spine 4:1, " + selector + ", " + ratePolicy + ", " + fabricRates +
                   ": no leaf-spine link is overloaded"),
          m_selector(selector),
          m_control(control),
          m_ratePolicy(ratePolicy),
          m_fabricRates(fabricRates)
    {
    }

  private:
    void DoRun() override
    {
        SelmcastSspParameters par = LeafSpine(4, m_selector);
        par.ratePolicy = m_ratePolicy;
        const SspRun paced = RunSsp(par, true, CreateTempDirFilename("paced"), m_fabricRates);
        std::cout << "  " << GetName() << ": largest queue, leaf-spine " << paced.coreBacklog
                  << ", toward workers " << paced.accessBacklog << " packets" << std::endl;
        NS_TEST_ASSERT_MSG_GT(paced.multicasts, 6 * par.n - 1, "every round completes");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(paced.coreBacklog,
                                    3 * par.n,
                                    "a leaf-spine link was offered more than it can carry");
        if (m_control)
        {
            const SspRun ports = RunSsp(par, false, CreateTempDirFilename("ports"));
            std::cout << "  " << GetName() << ": ports only, largest leaf-spine queue "
                      << ports.coreBacklog << " packets" << std::endl;
            NS_TEST_ASSERT_MSG_GT(ports.coreBacklog,
                                  10 * par.n,
                                  "the control run should overload a leaf-spine link");
        }
    }

    std::string m_selector;    //!< the selector
    bool m_control;            //!< run the ports-only control
    std::string m_ratePolicy;  //!< SspRatePolicy
    std::string m_fabricRates; //!< SspFabricRates
};

/** The suite. */
class SelmcastFabricSspTestSuite : public TestSuite
{
  public:
    SelmcastFabricSspTestSuite()
        : TestSuite("selmcast-fabric-ssp", UNIT)
    {
        AddTestCase(new PortBoundSameRunTestCase("bigswitch"), TestCase::QUICK);
        AddTestCase(new PortBoundSameRunTestCase("leafspine"), TestCase::QUICK);
        for (std::string selector : {"selmcast", "selmcast-fabric", "random", "broadcast"})
        {
            // Broadcast's port rates are set by its receivers' shares: no reliable overload.
            const bool control = selector == "selmcast" || selector == "random";
            AddTestCase(new CoreWithinCapacityTestCase(selector, control, "maxmin"),
                        TestCase::QUICK);
        }
        // Strict priority by deadline, against its ports-only form; both policies on every link.
        AddTestCase(new CoreWithinCapacityTestCase("selmcast", true, "deadline"), TestCase::QUICK);
        for (std::string policy : {"maxmin", "deadline"})
        {
            AddTestCase(new CoreWithinCapacityTestCase("selmcast-fabric", false, policy, "links"),
                        TestCase::QUICK);
        }
    }
};

/** Static instance. */
SelmcastFabricSspTestSuite g_selmcastFabricSspTestSuite;

} // namespace
