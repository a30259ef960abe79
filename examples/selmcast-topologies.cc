/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A quick tour of the module's topologies: one BSP round of the same job (n workers, SELMCAST,
// finish-together rates, L3 multicast) on each built-in topology, and one table: the topology,
// n, its bisection bandwidth and oversubscription, the plan's t(X), the measured transfer time
// of the round at packet level, and the round's scale.
//
// Rows: the big switch; a non-blocking leaf-spine (2 leaves, 2 spines) and the same with
// --oversubscription; a k-ary fat-tree (--fatTreeK) and the same with its aggregation-core links
// --oversubscription times slower; with --topologyFile, the edge list of that file.
// SelmcastBspScenario plans on the fabric the trees use, so t(X) is the generalized t(X) (every
// link of the fabric, not only the ports) and the rates are paced within every link: measured /
// t(X) stays within 2 % on every row with the default 1 MB blocks (smaller blocks make the
// per-hop frame times a larger share). The last line names the largest ratio.
//
// Output: the table on stdout and in <outDir>/selmcast-topologies.csv. The seed: --RngRun.
// Bad parameters exit with status 1 and one line naming the parameter, before any file.

#include "ns3/core-module.h"
#include "ns3/selmcast-module.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/** One row of the tour: a label and the parameters of its run. */
struct Row
{
    std::string label;         //!< what the table shows
    SelmcastBspParameters par; //!< the run
};

/** What one run measured. */
struct Measured
{
    double planTime{0};         //!< t(X) of the round, s
    double transfer{0};         //!< measured transfer time, s
    double scale{0};            //!< the round's scale
    double bisection{0};        //!< bit/s, 0: unknown
    double oversubscription{0}; //!< 0: unknown
};

/**
 * RoundComplete sink.
 * \param out where the figures go
 * \param record the round
 */
void
OnRound(Measured* out, const SelmcastRoundRecord& record)
{
    out->planTime = record.planTime;
    out->transfer = record.TransferSeconds();
    out->scale = record.scale;
}

/**
 * \param base the common parameters
 * \param oversubscription the ratio of the oversubscribed rows
 * \param topologyFile an edge list, or empty
 * \return the rows of the tour
 */
std::vector<Row>
MakeRows(const SelmcastBspParameters& base,
         double oversubscription,
         const std::string& topologyFile)
{
    std::vector<Row> rows;
    auto times = [](double ratio) {
        std::ostringstream os;
        os << " x" << ratio;
        return os.str();
    };
    auto add = [&](const std::string& label,
                   const std::string& topology) -> SelmcastBspParameters& {
        rows.push_back({label, base});
        rows.back().par.topology = topology;
        return rows.back().par;
    };
    add("bigswitch", "bigswitch");
    for (double ratio : {1.0, oversubscription})
    {
        SelmcastBspParameters& par = add("leafspine" + times(ratio), "leafspine");
        par.hostsPerLeaf = base.n / 2;
        par.oversubscription = ratio;
    }
    for (double ratio : {1.0, oversubscription})
    {
        SelmcastBspParameters& par = add("fattree" + times(ratio), "fattree");
        par.aggOversubscription = ratio;
    }
    if (!topologyFile.empty())
    {
        add("file", "file").topologyFile = topologyFile;
    }
    return rows;
}

/**
 * Run one row.
 * \param row the row
 * \return its figures
 */
Measured
RunRow(const Row& row)
{
    Measured m;
    SelmcastBspScenario scenario(row.par);
    scenario.Build();
    m.bisection = scenario.GetTopology()->GetBisectionBandwidth();
    m.oversubscription = scenario.GetTopology()->GetOversubscription();
    scenario.GetTraining().GetController()->TraceConnectWithoutContext(
        "RoundComplete",
        MakeBoundCallback(&OnRound, &m));
    scenario.Run();
    return m;
}

} // namespace

int
main(int argc, char* argv[])
{
    SelmcastBspParameters base;
    base.n = 8;
    base.rounds = 1;
    base.blockSize = 1000000;
    base.bandwidth = "10Gbps";
    base.computeMean = 1;
    base.outDir = "selmcast-topologies-output";
    double oversubscription = 4;
    std::string topologyFile;

    SelmcastArgs args(__FILE__);
    args.AddUnsigned("n", "workers, even (two leaves), at most fatTreeK^3 / 4", base.n, 2, 1024);
    args.AddUnsigned("p", "receivers per sender; 0: round(0.3 n)", base.p, 0, 1023);
    args.AddUnsigned("blockSize", "bytes of every block", base.blockSize, 1, 10000000000ULL);
    args.AddRate("bandwidth", "mean host link rate b", base.bandwidth, 1e6, 1e12);
    args.AddReal("lambda", "spread of the host rates", base.lambda, {0, 1, false, true});
    args.AddReal("oversubscription",
                 "ratio of the oversubscribed leaf-spine and fat-tree rows",
                 oversubscription,
                 {1, 1000});
    args.AddUnsigned("fatTreeK", "fat-tree arity, even", base.fatTreeK, 2, 16);
    args.AddReal("linkDelay", "delay of every link, us", base.linkDelay, {0, 1e4});
    args.AddValue("topologyFile", "CSV edge list for one more row (empty: none)", topologyFile);
    args.AddValue("outDir", "directory of the table (created)", base.outDir);
    std::string error = args.Parse(argc, argv);
    std::vector<Row> rows = MakeRows(base, oversubscription, topologyFile);
    for (const Row& row : rows)
    {
        error = error.empty() && row.par.topology == "leafspine" && base.n % 2 != 0
                    ? "n: " + std::to_string(base.n) + " is odd, allowed: an even number"
                    : error;
        error = error.empty() ? SelmcastBspScenario(row.par).Validate() : error;
    }
    if (!error.empty())
    {
        return args.Refuse(error);
    }
    std::error_code ec;
    std::filesystem::create_directories(base.outDir, ec);
    const std::string path = base.outDir + "/selmcast-topologies.csv";
    std::ofstream csv(path);
    if (!csv)
    {
        std::cerr << "selmcast-topologies: cannot write " << path << std::endl;
        return 1;
    }
    csv << "topology,n,bisection_gbps,oversubscription,plan_t_ms,measured_ms,ratio,scale\n";
    std::cout << std::left << std::setw(14) << "topology" << std::right << std::setw(5) << "n"
              << std::setw(15) << "bisection Gb/s" << std::setw(9) << "oversub" << std::setw(12)
              << "t(X) ms" << std::setw(13) << "measured ms" << std::setw(8) << "ratio"
              << std::setw(8) << "scale"
              << "\n";
    double largest = 0;
    std::string largestRow;
    for (const Row& row : rows)
    {
        Measured m = RunRow(row);
        const double ratio = m.planTime > 0 ? m.transfer / m.planTime : 0;
        if (ratio > largest)
        {
            largest = ratio;
            largestRow = row.label;
        }
        std::cout << std::left << std::setw(14) << row.label << std::right << std::setw(5) << base.n
                  << std::fixed << std::setprecision(1) << std::setw(15) << m.bisection / 1e9
                  << std::setprecision(2) << std::setw(9) << m.oversubscription
                  << std::setprecision(3) << std::setw(12) << m.planTime * 1e3 << std::setw(13)
                  << m.transfer * 1e3 << std::setw(8) << ratio << std::setw(8) << m.scale << "\n";
        csv << row.label << "," << base.n << "," << m.bisection / 1e9 << "," << m.oversubscription
            << "," << m.planTime * 1e3 << "," << m.transfer * 1e3 << "," << ratio << "," << m.scale
            << "\n";
    }
    std::cout << "largest measured / t(X): " << std::setprecision(3) << largest << " ("
              << largestRow << ")\n(bisection and oversubscription 0: unknown for an edge list)"
              << "\ntable: " << path << std::endl;
    return 0;
}
