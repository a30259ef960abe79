/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Suite "selmcast-topology-file": topology files in the formats of ns-3's topology-read module
// (Inet, Orbis, Rocketfuel weights and maps), read with ns-3's TopologyReaderHelper. Each sample
// is written here and describes the same graph as a CSV edge list, so the fabric read from it
// must equal the CSV one; a BSP round on a two-rack file ends within 5 % of its fluid reference.

#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-fabric-file.h"
#include "ns3/selmcast-scenario-helper.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/selmcast-training-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;

namespace
{

/// A graph of five nodes in CSV: a four-cycle with one chord, and one node hanging off.
const char* const CSV_GRAPH = "n0,n1,40Gbps,1us\nn1,n2,40Gbps,1us\nn2,n3,40Gbps,1us\n"
                              "n3,n0,40Gbps,1us\nn0,n2,40Gbps,1us\nn3,n4,40Gbps,1us\n";

/**
 * \param format Inet, Orbis, Rocketfuel (weights) or RocketfuelMaps
 * \return CSV_GRAPH in that format (node names n0 .. n4; Inet and maps name nodes 0 .. 4)
 */
std::string
SampleOf(const std::string& format)
{
    if (format == "Inet")
    {
        // Counts, one line per node (id x y), one line per link (from to weight).
        return "5 6\n0 0 0\n1 1 0\n2 1 1\n3 0 1\n4 0 2\n"
               "0 1 3\n1 2 3\n2 3 3\n3 0 3\n0 2 4\n3 4 1\n";
    }
    if (format == "Orbis")
    {
        return "n0 n1\nn1 n2\nn2 n3\nn3 n0\nn0 n2\nn3 n4\n";
    }
    if (format == "Rocketfuel")
    {
        // A weights file; the reverse of a link already read is dropped by ns-3's reader.
        return "n0 n1 1\nn1 n2 1\nn2 n3 1\nn3 n0 1\nn0 n2 2.5\nn3 n4 1\nn1 n0 1\n";
    }
    // A maps (.cch) file: one line per router, its neighbours listed, so every link twice.
    return "0 @Here,+XX + bb (3) -> <1> <3> <2> =n0 r0\n"
           "1 @Here,+XX (2) -> <0> <2> =n1 r0\n"
           "2 @There,+XX (3) -> <1> <3> <0> =n2 r0\n"
           "3 @There,+XX bb (3) -> <2> <0> <4> =n3 r0\n"
           "4 @Far,+XX (1) -> <3> =n4 r0\n";
}

/**
 * \param spec a fabric
 * \return its links as unordered name pairs with rate and delay
 */
std::set<std::tuple<std::string, std::string, uint64_t, int64_t>>
LinksOf(const SelmcastFabricSpec& spec)
{
    std::set<std::tuple<std::string, std::string, uint64_t, int64_t>> links;
    for (const SelmcastFabricEdge& e : spec.edges)
    {
        std::string a = spec.names[e.a];
        std::string b = spec.names[e.b];
        if (b < a)
        {
            std::swap(a, b);
        }
        // Inet and maps files name nodes 0 .. 4: compare under the CSV names.
        a = a[0] == 'n' ? a : "n" + a;
        b = b[0] == 'n' ? b : "n" + b;
        links.emplace(a, b, e.rate.GetBitRate(), e.delay.GetNanoSeconds());
    }
    return links;
}

/**
 * \ingroup selmcast-tests
 * One format: the fabric read with ns-3's reader has the CSV graph's links (each once, at
 * FileLinkRate and FileLinkDelay), racks and controller.
 */
class FileFormatTestCase : public TestCase
{
  public:
    /** \param format Inet, Orbis, Rocketfuel or RocketfuelMaps */
    FileFormatTestCase(std::string format)
        : TestCase(format + " file: the same fabric as the CSV edge list of the same graph"),
          m_format(format)
    {
    }

  private:
    void DoRun() override
    {
        const std::string csv = CreateTempDirFilename("graph.csv");
        std::ofstream(csv) << CSV_GRAPH;
        SelmcastFabricSpec expected;
        NS_TEST_ASSERT_MSG_EQ(SelmcastReadFabricCsv(csv, "leaves", "", expected), "", "CSV");

        const std::string path = CreateTempDirFilename("graph." + m_format);
        std::ofstream(path) << SampleOf(m_format);
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Topology", StringValue("EdgeList"));
        helper.SetAttribute("TopologyFormat",
                            StringValue(m_format == "RocketfuelMaps" ? "Rocketfuel" : m_format));
        helper.SetAttribute("TopologyFile", StringValue(path));
        helper.SetAttribute("Workers", UintegerValue(2));
        // Inet and Rocketfuel maps name nodes by number, the others by the names in the file.
        const bool numbered = m_format == "Inet" || m_format == "RocketfuelMaps";
        helper.SetAttribute("FileWorkers", StringValue(numbered ? "4+1" : "n4+n1"));
        SelmcastFabricSpec spec;
        NS_TEST_ASSERT_MSG_EQ(helper.MakeSpec(SelmcastTopology::EDGE_LIST, spec), "", "read");
        NS_TEST_ASSERT_MSG_EQ(spec.nRouters, 5u, "five routers");
        NS_TEST_ASSERT_MSG_EQ(spec.edges.size(), 6u, "six links, each once");
        NS_TEST_ASSERT_MSG_EQ((LinksOf(spec) == LinksOf(expected)),
                              true,
                              "the CSV graph's links at FileLinkRate (40 Gbps) and delay (1 us)");
        std::set<std::string> racks;
        for (uint32_t r = 0; r < spec.nRouters; ++r)
        {
            if (spec.rackSlots[r] > 0)
            {
                racks.insert(spec.names[r]);
            }
        }
        const std::set<std::string> named =
            numbered ? std::set<std::string>{"1", "4"} : std::set<std::string>{"n1", "n4"};
        NS_TEST_ASSERT_MSG_EQ((racks == named), true, "racks where FileWorkers names them");
        NS_TEST_ASSERT_MSG_EQ(spec.controllerRouter, 0u, "the controller on the first node");

        helper.SetAttribute("FileLinkRate", DataRateValue(DataRate("5Gbps")));
        helper.SetAttribute("FileLinkDelay", TimeValue(MicroSeconds(7)));
        helper.SetAttribute("FileController", StringValue(numbered ? "3" : "n3"));
        NS_TEST_ASSERT_MSG_EQ(helper.MakeSpec(SelmcastTopology::EDGE_LIST, spec), "", "again");
        for (const SelmcastFabricEdge& e : spec.edges)
        {
            NS_TEST_ASSERT_MSG_EQ(e.rate.GetBitRate(), 5000000000ULL, "FileLinkRate");
            NS_TEST_ASSERT_MSG_EQ(e.delay, MicroSeconds(7), "FileLinkDelay");
        }
        NS_TEST_ASSERT_MSG_EQ(spec.names[spec.controllerRouter],
                              (numbered ? "3" : "n3"),
                              "FileController");
        Simulator::Destroy();
    }

    std::string m_format; //!< the format
};

/**
 * \ingroup selmcast-tests
 * Bad files and options: one message naming the parameter.
 */
class FileErrorsTestCase : public TestCase
{
  public:
    FileErrorsTestCase()
        : TestCase("ns-3 topology files: bad files and options are refused with the parameter")
    {
    }

  private:
    /**
     * \param format the TopologyFormat
     * \param text the file's content, or empty for a missing file
     * \param name the parameter the message must start with
     * \param setup extra attributes
     */
    void Expect(const std::string& format,
                const std::string& text,
                const std::string& name,
                const std::vector<std::pair<std::string, std::string>>& setup = {})
    {
        std::string path = CreateTempDirFilename("bad." + format);
        if (text.empty())
        {
            path += ".missing";
        }
        else
        {
            std::ofstream(path) << text;
        }
        SelmcastTopologyHelper helper;
        helper.SetAttribute("Topology", StringValue("EdgeList"));
        helper.SetAttribute("TopologyFormat", StringValue(format));
        helper.SetAttribute("TopologyFile", StringValue(path));
        helper.SetAttribute("FileWorkers", StringValue("all"));
        helper.SetAttribute("Workers", UintegerValue(2));
        for (const auto& [attribute, value] : setup)
        {
            helper.SetAttribute(attribute, StringValue(value));
        }
        const std::string message = helper.Validate(SelmcastTopology::EDGE_LIST);
        NS_TEST_ASSERT_MSG_EQ(message.rfind(name, 0), 0u, "'" << message << "' names " << name);
    }

    void DoRun() override
    {
        Expect("Orbis", "", "topologyFile");
        Expect("Inet", "not a topology\n", "topologyFile");
        Expect("Rocketfuel", "# a comment line no reader takes\n", "topologyFile");
        Expect("Orbis", "a b\nc d\n", "topologyFile"); // two parts
        Expect("Orbis", "a a\n", "topologyFile");      // a loop
        Expect("Orbis", "a b\n", "fileWorkers", {{"FileWorkers", "a+z"}});
        Expect("Orbis", "a b\n", "fileController", {{"FileController", "z"}});
        Expect("Orbis", "a b\n", "FileLinkRate", {{"FileLinkRate", "0bps"}});
        Expect("Orbis", "a b\n", "n (Workers)", {{"Workers", "3"}});
        Simulator::Destroy();
    }
};

/**
 * RoundComplete sink.
 * \param rounds where the records go
 * \param record the round
 */
void
CollectRound(std::vector<SelmcastRoundRecord>* rounds, const SelmcastRoundRecord& record)
{
    rounds->push_back(record);
}

/**
 * \ingroup selmcast-tests
 * A BSP round on a two-rack network read from a file of one format: every pair completes and the
 * packet-level round is within 5 % of its fluid reference (the tolerance of the CSV file's round
 * in the rate-policy suite). The fabric is non-blocking (three hosts of at most 1.5 Gbps behind
 * each 10 Gbps link), so the reference, which models the hosts' ports, applies.
 */
class FileRoundTestCase : public TestCase
{
  public:
    /** \param format inet, orbis or rocketfuel */
    FileRoundTestCase(std::string format)
        : TestCase("BSP round on a " + format + " file within 5 % of the fluid reference"),
          m_format(format)
    {
    }

  private:
    void DoRun() override
    {
        SelmcastBspParameters par;
        par.topology = "file";
        par.topologyFormat = m_format;
        par.fileLinkRate = "10Gbps";
        par.n = 6;
        par.p = 2;
        par.blockSize = 500000;
        par.bandwidth = "1Gbps";
        par.lambda = 0.5;
        par.computeMean = 1;
        par.rounds = 2;
        par.topologyFile = CreateTempDirFilename("racks." + m_format);
        std::ofstream file(par.topologyFile);
        if (m_format == "inet")
        {
            file << "9 8\n";
            for (int v = 0; v < 9; ++v)
            {
                file << v << " 0 0\n";
            }
            file << "0 1 1\n0 2 1\n1 3 1\n1 4 1\n1 5 1\n2 6 1\n2 7 1\n2 8 1\n";
        }
        else
        {
            const char* weight = m_format == "rocketfuel" ? " 1\n" : "\n";
            for (const char* link : {"core tor0",
                                     "core tor1",
                                     "tor0 h0",
                                     "tor0 h1",
                                     "tor0 h2",
                                     "tor1 h3",
                                     "tor1 h4",
                                     "tor1 h5"})
            {
                file << link << weight;
            }
        }
        file.close();
        NS_TEST_ASSERT_MSG_EQ(par.Validate(), "", "the scenario's parameters");
        SelmcastBspScenario scenario(par);
        NS_TEST_ASSERT_MSG_EQ(scenario.Validate(), "", "the scenario");
        scenario.Build();
        std::vector<SelmcastRoundRecord> rounds;
        scenario.GetTraining().GetController()->TraceConnectWithoutContext(
            "RoundComplete",
            MakeBoundCallback(&CollectRound, &rounds));
        SelmcastBspSummary summary = scenario.Run(false, Seconds(60));
        NS_TEST_ASSERT_MSG_EQ(summary.Failure(par.rounds), "", "every round must complete");
        for (const auto& r : rounds)
        {
            std::cout << "  " << m_format << " round " << r.round << ": packet-level "
                      << r.TransferSeconds() * 1e3 << " ms, fluid " << r.fluidPolicy * 1e3
                      << " ms, t(X) " << r.planTime * 1e3 << " ms" << std::endl;
            NS_TEST_ASSERT_MSG_EQ(r.completedPairs, r.pairs, "every pair must complete");
            NS_TEST_ASSERT_MSG_EQ_TOL(r.TransferSeconds() / r.fluidPolicy,
                                      1.0,
                                      0.05,
                                      "packet-level round within 5 % of the fluid reference");
        }
    }

    std::string m_format; //!< inet, orbis or rocketfuel
};

/**
 * \ingroup selmcast-tests
 * The suite.
 */
class SelmcastTopologyFileTestSuite : public TestSuite
{
  public:
    SelmcastTopologyFileTestSuite()
        : TestSuite("selmcast-topology-file", UNIT)
    {
        for (const char* format : {"Inet", "Orbis", "Rocketfuel", "RocketfuelMaps"})
        {
            AddTestCase(new FileFormatTestCase(format), TestCase::QUICK);
        }
        AddTestCase(new FileErrorsTestCase, TestCase::QUICK);
        for (const char* format : {"inet", "orbis", "rocketfuel"})
        {
            AddTestCase(new FileRoundTestCase(format), TestCase::QUICK);
        }
    }
};

/// The suite's only instance, registered with the test runner at load time.
static SelmcastTopologyFileTestSuite g_selmcastTopologyFileTestSuite;

} // namespace
