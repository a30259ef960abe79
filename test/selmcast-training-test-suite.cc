/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Tests of the BSP training path: control messages, the controller and the trainers on a real
// packet-level network. Round times are checked against the plan's t(X) (finish-together rates)
// and the fluid max-min completion (max-min rates); the k rule's counters against a
// recomputation from the recorded plans; reproducibility by comparing result files byte for
// byte; a worker cut off mid-transfer must be excluded while everyone else completes.

#include "selmcast-test-scenario.h"

#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/selmcast-control-header.h"
#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-rate-allocator.h"
#include "ns3/selmcast-results.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/selmcast-trainer.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/** One training scenario on the big switch. */
struct Scenario
{
    uint32_t n{6};                         //!< workers
    uint32_t p{2};                         //!< receivers per sender
    uint32_t k{4};                         //!< forced-round limit
    uint64_t blockSize{2000000};           //!< bytes per block
    uint32_t rounds{2};                    //!< rounds
    std::string policy{"finish-together"}; //!< rate policy
    std::string delivery{"L3"};            //!< L3 or L7
    std::string selector{"selmcast"};      //!< selector
    std::vector<DataRate> ingress;         //!< given b^I (empty: drawn)
    std::vector<DataRate> egress;          //!< given b^E (empty: drawn)
    double lambda{0.25};                   //!< spread of drawn rates
    std::string computeModel{"constant"};  //!< compute model
    Time computeMean{MilliSeconds(2)};     //!< compute mean
    int32_t failWorker{-1};                //!< worker cut off in round failRound, or -1
    uint32_t failRound{1};                 //!< round whose transfers see the failure
    double controlLoss{0};                 //!< loss rate on the controller's link
    std::string outDir;                    //!< result files (empty: none)
};

/** Everything a scenario run records. */
struct Outcome
{
    std::vector<SelmcastRoundRecord> rounds; //!< RoundComplete records
    std::vector<uint32_t> excluded;          //!< WorkerExcluded ids
    selmcast::Matrix<uint32_t> counters;     //!< the controller's final c_ij
    uint32_t completed{0};                   //!< rounds completed
    std::vector<selmcast::RateFlow> flows0;  //!< FlowsOfPlan of round 0
    selmcast::RatePorts ports0;              //!< ports of round 0
};

/** Collects the controller's traces and cuts a worker off when told to. */
class Recorder
{
  public:
    /**
     * \param scenario the scenario
     * \param topology the network
     */
    Recorder(const Scenario& scenario, Ptr<SelmcastTopology> topology)
        : m_scenario(scenario),
          m_topology(topology)
    {
    }

    /** \param record a finished round */
    void OnRound(const SelmcastRoundRecord& record)
    {
        m_outcome.rounds.push_back(record);
    }

    /**
     * \param worker an excluded worker
     * \param round the round
     */
    void OnExcluded(uint32_t worker, uint32_t round)
    {
        m_outcome.excluded.push_back(worker);
    }

    /**
     * \param round the round
     * \param problem the problem
     * \param plan the plan
     * \param ids problem index to worker id
     */
    void OnSelection(uint32_t round,
                     const selmcast::Problem& problem,
                     const selmcast::Plan& plan,
                     const std::vector<uint32_t>& ids)
    {
        if (round == 0)
        {
            m_outcome.flows0 = selmcast::FlowsOfPlan(problem, plan);
            m_outcome.ports0 = selmcast::PortsOfProblem(problem);
        }
        if (m_scenario.failWorker >= 0 && round == m_scenario.failRound)
        {
            // Shortly after the ASSIGNs left: the worker dies with transfers in flight.
            Simulator::Schedule(MicroSeconds(300), &Recorder::CutOff, this);
        }
    }

    /** Drop everything on the failing worker's access link, both directions. */
    void CutOff()
    {
        selmcast_test::CutOffWorker(m_topology, m_scenario.failWorker);
    }

    Outcome m_outcome; //!< what was recorded

  private:
    Scenario m_scenario;              //!< the scenario
    Ptr<SelmcastTopology> m_topology; //!< the network
};

/**
 * Run a scenario to its end.
 * \param s the scenario
 * \return what it recorded
 */
Outcome
RunScenario(const Scenario& s)
{
    Ptr<SelmcastTopology> topology =
        selmcast_test::InstallBigSwitch(s.n, s.lambda, DataRate("1Gbps"), s.ingress, s.egress);
    selmcast_test::SetControlLoss(topology, s.controlLoss);

    SelmcastTrainingHelper training;
    selmcast_test::ConfigureTraining(training,
                                     {s.blockSize,
                                      s.computeModel,
                                      s.computeMean,
                                      MilliSeconds(20),
                                      s.p,
                                      s.k,
                                      s.rounds,
                                      s.selector});
    training.SetControllerAttribute("RatePolicy", StringValue(s.policy));
    training.SetControllerAttribute("Delivery", StringValue(s.delivery));
    training.Install(topology);
    training.AssignStreams(100);

    Recorder recorder(s, topology);
    Ptr<SelmcastController> controller = training.GetController();
    controller->TraceConnectWithoutContext("RoundComplete",
                                           MakeCallback(&Recorder::OnRound, &recorder));
    controller->TraceConnectWithoutContext("WorkerExcluded",
                                           MakeCallback(&Recorder::OnExcluded, &recorder));
    controller->TraceConnectWithoutContext("SelectionDone",
                                           MakeCallback(&Recorder::OnSelection, &recorder));
    std::unique_ptr<SelmcastResults> results =
        selmcast_test::OpenResults<SelmcastResults>(s.outDir, s.n, training);
    selmcast_test::RunSimulation();
    recorder.m_outcome.counters = controller->GetCounters();
    recorder.m_outcome.completed = controller->GetCompletedRounds();
    Simulator::Destroy();
    return recorder.m_outcome;
}

/**
 * \return six unequal ingress rates
 */
std::vector<DataRate>
SixIngress()
{
    return {DataRate("1Gbps"),
            DataRate("1.2Gbps"),
            DataRate("800Mbps"),
            DataRate("1.1Gbps"),
            DataRate("900Mbps"),
            DataRate("1Gbps")};
}

/**
 * \return six unequal egress rates
 */
std::vector<DataRate>
SixEgress()
{
    return {DataRate("900Mbps"),
            DataRate("1Gbps"),
            DataRate("1.2Gbps"),
            DataRate("800Mbps"),
            DataRate("1.1Gbps"),
            DataRate("1Gbps")};
}

/** Every control message survives a round trip; malformed input is flagged. */
class ControlHeaderTestCase : public TestCase
{
  public:
    ControlHeaderTestCase()
        : TestCase("control messages round-trip; truncated or foreign input is invalid")
    {
    }

  private:
    void DoRun() override
    {
        SelmcastControlHeader assign;
        assign.SetType(SelmcastControlType::ASSIGN);
        assign.SetWorker(3);
        assign.SetRound(7);
        assign.SetFlags(SelmcastControlHeader::FLAG_L7);
        assign.SetGroup(Ipv4Address("225.1.2.3"));
        SelmcastControlEntry e;
        e.id = 5;
        e.address = Ipv4Address("10.0.0.22");
        e.rate = 123456789;
        assign.SetEntries({e, e});
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(assign);
        SelmcastControlHeader back;
        packet->RemoveHeader(back);
        NS_TEST_ASSERT_MSG_EQ(back.IsValid(), true, "ASSIGN must deserialize");
        NS_TEST_ASSERT_MSG_EQ(back.GetEntries().size(), 2, "two entries expected");
        NS_TEST_ASSERT_MSG_EQ(back.GetEntries()[1].rate, 123456789, "rate must survive");
        NS_TEST_ASSERT_MSG_EQ(back.GetGroup(), Ipv4Address("225.1.2.3"), "group must survive");
        NS_TEST_ASSERT_MSG_EQ(back.GetFlags(), SelmcastControlHeader::FLAG_L7, "flags");

        SelmcastControlHeader done;
        done.SetType(SelmcastControlType::DONE);
        done.SetWorker(1);
        done.SetRound(2);
        done.SetDone({2, 4}, {5});
        done.SetTransferStats(10, 14400, 1440, MilliSeconds(1), MilliSeconds(3));
        packet = Create<Packet>();
        packet->AddHeader(done);
        packet->RemoveHeader(back);
        NS_TEST_ASSERT_MSG_EQ(back.IsValid(), true, "DONE must deserialize");
        NS_TEST_ASSERT_MSG_EQ(back.GetCompleted().size(), 2, "completed ids");
        NS_TEST_ASSERT_MSG_EQ(back.GetFailed().size(), 1, "failed ids");
        NS_TEST_ASSERT_MSG_EQ(back.GetTransferEnd(), MilliSeconds(3), "end time");

        SelmcastControlHeader ready;
        ready.SetType(SelmcastControlType::READY);
        ready.SetReady(1000, 2000, 1, 0);
        packet = Create<Packet>();
        packet->AddHeader(ready);
        packet->RemoveHeader(back);
        NS_TEST_ASSERT_MSG_EQ(back.GetEgress(), 2000, "READY egress");

        // Truncated: an ASSIGN cut short of its entries.
        packet = Create<Packet>();
        packet->AddHeader(assign);
        Ptr<Packet> cut = packet->CreateFragment(0, packet->GetSize() - 3);
        cut->RemoveHeader(back);
        NS_TEST_ASSERT_MSG_EQ(back.IsValid(), false, "a truncated ASSIGN must be invalid");
        // Foreign: 40 zero bytes.
        Ptr<Packet> foreign = Create<Packet>(40);
        foreign->RemoveHeader(back);
        NS_TEST_ASSERT_MSG_EQ(back.IsValid(), false, "a foreign packet must be invalid");
    }
};

/** Packet-level round time against t(X) (finish-together) or fluid max-min (maxmin). */
class RoundTimeTestCase : public TestCase
{
  public:
    /**
     * \param policy the rate policy
     * \param delivery L3 or L7
     */
    RoundTimeTestCase(std::string policy, std::string delivery = "L3")
        : TestCase("BSP round time at packet level vs the fluid reference, " + policy + ", " +
                   delivery),
          m_policy(policy),
          m_delivery(delivery)
    {
    }

  private:
    void DoRun() override
    {
        Scenario s;
        s.policy = m_policy;
        s.delivery = m_delivery;
        s.ingress = SixIngress();
        s.egress = SixEgress();
        s.rounds = 2;
        Outcome o = RunScenario(s);
        NS_TEST_ASSERT_MSG_EQ(o.completed, 2, "both rounds must complete");
        for (const auto& r : o.rounds)
        {
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs, r.pairs, "every pair must complete");
            NS_TEST_ASSERT_MSG_EQ(r.repairBytes, 0, "no loss expected on this network");
            double reference = m_policy == "maxmin" ? r.fluidMaxMin : r.planTime;
            std::cout << "  " << m_policy << " " << m_delivery << " round " << r.round
                      << ": packet-level " << r.TransferSeconds() * 1e3 << " ms, t(X) "
                      << r.planTime * 1e3 << " ms, fluid max-min " << r.fluidMaxMin * 1e3 << " ms"
                      << std::endl;
            NS_TEST_ASSERT_MSG_EQ_TOL(r.TransferSeconds() / reference,
                                      1.0,
                                      0.05,
                                      "packet-level sync time not within 5 % of the reference");
        }
        if (m_policy == "maxmin" && m_delivery == "L3")
        {
            // The recorded reference is the allocator's own fluid run of the same plan.
            std::vector<double> fluid =
                selmcast::FluidCompletionTimes(selmcast::RatePolicy::MaxMin, o.ports0, o.flows0);
            double worst = 0;
            for (double t : fluid)
            {
                worst = std::max(worst, t);
            }
            NS_TEST_ASSERT_MSG_EQ_TOL(o.rounds[0].fluidMaxMin, worst, 1e-12, "fluid reference");
            // Every transfer, not only the last: the rates are re-allocated as transfers end.
            const SelmcastRoundRecord& r0 = o.rounds[0];
            for (std::size_t f = 0; f < o.flows0.size(); ++f)
            {
                double packet = r0.senderEnd[o.flows0[f].sender];
                std::cout << "  maxmin transfer of " << o.flows0[f].sender << ": packet-level "
                          << packet * 1e3 << " ms, fluid " << fluid[f] * 1e3 << " ms" << std::endl;
                NS_TEST_ASSERT_MSG_EQ_TOL(packet / fluid[f],
                                          1.0,
                                          0.05,
                                          "transfer " << f << " not within 5 % of fluid max-min");
            }
        }
    }

    std::string m_policy;   //!< rate policy
    std::string m_delivery; //!< L3 or L7
};

/** c_ij and D evolve as the k rule says. */
class CountersTestCase : public TestCase
{
  public:
    CountersTestCase()
        : TestCase("c_ij and forced pairs follow the k rule over several rounds")
    {
    }

  private:
    void DoRun() override
    {
        Scenario s;
        s.n = 6;
        s.p = 1;
        s.k = 2;
        s.rounds = 6;
        s.blockSize = 100000;
        s.selector = "random";
        Outcome o = RunScenario(s);
        NS_TEST_ASSERT_MSG_EQ(o.completed, 6, "all rounds must complete");
        selmcast::Matrix<uint32_t> c(s.n, 0);
        uint32_t forcedSeen = 0;
        for (const auto& r : o.rounds)
        {
            const auto& ids = r.workerIds;
            for (uint32_t a = 0; a < ids.size(); ++a)
            {
                for (uint32_t b = 0; b < ids.size(); ++b)
                {
                    if (a == b)
                    {
                        continue;
                    }
                    bool forced = c(ids[a], ids[b]) >= s.k;
                    NS_TEST_ASSERT_MSG_EQ(bool(r.forced(a, b)), forced, "D must be c >= k");
                    if (forced)
                    {
                        ++forcedSeen;
                        NS_TEST_ASSERT_MSG_EQ(bool(r.plan(a, b)), true, "a forced pair selected");
                    }
                }
            }
            for (uint32_t i = 0; i < s.n; ++i)
            {
                for (uint32_t j = 0; j < s.n; ++j)
                {
                    if (i != j)
                    {
                        c(i, j) = r.delivered(i, j) ? 0 : c(i, j) + 1;
                        NS_TEST_ASSERT_MSG_LT_OR_EQ(c(i, j), s.k, "no pair waits beyond k");
                    }
                }
            }
        }
        NS_TEST_ASSERT_MSG_GT(forcedSeen, 0, "p = 1, k = 2 must force some pairs");
        NS_TEST_ASSERT_MSG_EQ((c == o.counters), true, "the controller's c_ij differ");
    }
};

/** Same RngRun, same bytes; another RngRun, other bytes. */
class ReproducibilityTestCase : public TestCase
{
  public:
    ReproducibilityTestCase()
        : TestCase("the same RngRun gives byte-identical result files, another differs")
    {
    }

  private:
    void DoRun() override
    {
        uint64_t savedRun = RngSeedManager::GetRun();
        std::vector<std::string> csv;
        std::vector<std::string> json;
        uint64_t runs[] = {1, 1, 2};
        for (uint32_t i = 0; i < 3; ++i)
        {
            RngSeedManager::SetRun(runs[i]);
            Scenario s;
            s.blockSize = 300000;
            s.rounds = 3;
            s.computeModel = "uniform";
            s.outDir = CreateTempDirFilename("repro-" + std::to_string(i));
            RunScenario(s);
            csv.push_back(selmcast_test::ReadFile(s.outDir + "/run-rounds.csv"));
            json.push_back(selmcast_test::ReadFile(s.outDir + "/run-summary.json"));
        }
        RngSeedManager::SetRun(savedRun);
        NS_TEST_ASSERT_MSG_GT(csv[0].size(), 200, "rows must have been written");
        NS_TEST_ASSERT_MSG_EQ((csv[0] == csv[1]), true, "same RngRun, different CSV");
        NS_TEST_ASSERT_MSG_EQ((json[0] == json[1]), true, "same RngRun, different JSON");
        NS_TEST_ASSERT_MSG_EQ((csv[0] != csv[2]), true, "another RngRun, same CSV");
    }
};

/** A worker cut off mid-transfer is excluded; everyone else completes. */
class WorkerFailureTestCase : public TestCase
{
  public:
    WorkerFailureTestCase()
        : TestCase("a worker whose link goes down mid-run is excluded; the others complete")
    {
    }

  private:
    void DoRun() override
    {
        Scenario s;
        s.ingress = SixIngress();
        s.egress = SixEgress();
        s.blockSize = 1000000;
        s.rounds = 4;
        s.p = 3;
        s.failWorker = 4;
        s.failRound = 1;
        Outcome o = RunScenario(s);
        NS_TEST_ASSERT_MSG_EQ(o.excluded.size(), 1, "exactly one worker excluded");
        NS_TEST_ASSERT_MSG_EQ(o.excluded[0], 4, "worker 4 excluded");
        NS_TEST_ASSERT_MSG_EQ(o.completed, 4, "the run goes on to its last round");
        for (const auto& r : o.rounds)
        {
            std::cout << "  failure round " << r.round << ": workers " << r.workers << ", pairs "
                      << r.pairs << ", completed " << r.completedPairs << ", "
                      << (r.end - r.syncStart).GetSeconds() * 1e3 << " ms after the ASSIGNs"
                      << std::endl;
            for (uint32_t a = 0; a < r.workerIds.size(); ++a)
            {
                for (uint32_t b = 0; b < r.workerIds.size(); ++b)
                {
                    uint32_t i = r.workerIds[a];
                    uint32_t j = r.workerIds[b];
                    if (r.plan(a, b) && i != 4 && j != 4)
                    {
                        NS_TEST_ASSERT_MSG_EQ(bool(r.delivered(i, j)),
                                              true,
                                              "pair " << i << "->" << j << " of round " << r.round
                                                      << " must complete");
                    }
                }
            }
            if (r.round >= 2)
            {
                NS_TEST_ASSERT_MSG_EQ(r.workers, 5, "later rounds run without worker 4");
            }
        }
    }
};

/** Lost control messages are recovered by the trainers' repetitions. */
class ControlLossTestCase : public TestCase
{
  public:
    ControlLossTestCase()
        : TestCase("20 % loss on the controller's link: every round still completes")
    {
    }

  private:
    void DoRun() override
    {
        Scenario s;
        s.blockSize = 300000;
        s.rounds = 5;
        s.controlLoss = 0.2;
        Outcome o = RunScenario(s);
        NS_TEST_ASSERT_MSG_EQ(o.excluded.size(), 0, "nobody may be excluded for lost packets");
        NS_TEST_ASSERT_MSG_EQ(o.completed, 5, "every round must complete");
        for (const auto& r : o.rounds)
        {
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs, r.pairs, "every pair must complete");
        }
    }
};

/** Bad parameters are refused with a message naming them. */
class ValidationTestCase : public TestCase
{
  public:
    ValidationTestCase()
        : TestCase("bad parameters are rejected by name")
    {
    }

  private:
    /**
     * \param par parameters
     * \param name the parameter the message must name
     */
    void Expect(const SelmcastBspParameters& par, const std::string& name)
    {
        std::string msg = par.Validate();
        NS_TEST_EXPECT_MSG_EQ((msg.rfind(name + ":", 0) == 0),
                              true,
                              "message '" << msg << "' must name " << name);
    }

    void DoRun() override
    {
        SelmcastBspParameters ok;
        NS_TEST_ASSERT_MSG_EQ(ok.Validate(), "", "the defaults must be valid");
        SelmcastBspParameters par;
        par.p = 8;
        Expect(par, "p");
        par = ok;
        par.selector = "magic";
        Expect(par, "selector");
        par = ok;
        par.topology = "torus";
        Expect(par, "topology");
        par = ok;
        par.blockSize = 0;
        Expect(par, "blockSize");
        par = ok;
        par.lambda = 1;
        Expect(par, "lambda");
        par = ok;
        par.n = 1;
        Expect(par, "n");
        par = ok;
        par.delivery = "L4";
        Expect(par, "delivery");
        par = ok;
        par.ratePolicy = "fifo";
        Expect(par, "ratePolicy");
        par = ok;
        par.workload = "bert";
        Expect(par, "workload");
        par = ok;
        par.topology = "leafspine";
        par.hostsPerLeaf = 3;
        Expect(par, "hostsPerLeaf");
        // A segment must fit one IP packet of the link MTU (60 bytes of headers).
        par = ok;
        par.mtu = 9000;
        par.segmentSize = 8940;
        NS_TEST_ASSERT_MSG_EQ(par.Validate(), "", "jumbo frames with 8940-byte segments");
        par.segmentSize = 8941;
        Expect(par, "segmentSize");
        NS_TEST_ASSERT_MSG_EQ((par.Validate().find("[1, 8940]") != std::string::npos),
                              true,
                              "the range follows the MTU: " << par.Validate());
        par = ok;
        par.segmentSize = 1441;
        Expect(par, "segmentSize");
        par = ok;
        par.mtu = 67;
        Expect(par, "mtu");
        par.mtu = 65536;
        Expect(par, "mtu");

        Ptr<SelmcastController> controller = CreateObject<SelmcastController>();
        controller->SetAttribute("MinReceivers", UintegerValue(6));
        std::string msg = controller->Validate(6);
        NS_TEST_ASSERT_MSG_EQ((msg.rfind("MinReceivers", 0) == 0), true, "got '" << msg << "'");
    }
};

/** The suite. */
class SelmcastTrainingTestSuite : public TestSuite
{
  public:
    SelmcastTrainingTestSuite()
        : TestSuite("selmcast-training", UNIT)
    {
        AddTestCase(new ControlHeaderTestCase, TestCase::QUICK);
        AddTestCase(new ValidationTestCase, TestCase::QUICK);
        AddTestCase(new RoundTimeTestCase("finish-together"), TestCase::QUICK);
        AddTestCase(new RoundTimeTestCase("maxmin"), TestCase::QUICK);
        AddTestCase(new RoundTimeTestCase("finish-together", "L7"), TestCase::QUICK);
        AddTestCase(new CountersTestCase, TestCase::QUICK);
        AddTestCase(new ReproducibilityTestCase, TestCase::QUICK);
        AddTestCase(new WorkerFailureTestCase, TestCase::QUICK);
        AddTestCase(new ControlLossTestCase, TestCase::QUICK);
    }
};

/// The one instance, registered with the test runner.
static SelmcastTrainingTestSuite g_selmcastTrainingTestSuite;

} // namespace
