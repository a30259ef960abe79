/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_SCENARIO_HELPER_H
#define SELMCAST_SCENARIO_HELPER_H

#include "selmcast-args.h"
#include "selmcast-background.h"
#include "selmcast-bandwidth-variation.h"
#include "selmcast-results.h"
#include "selmcast-topology-helper.h"
#include "selmcast-training-helper.h"

#include "ns3/command-line.h"
#include "ns3/nstime.h"
#include "ns3/selmcast-controller.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * One BSP training scenario built from SelmcastBspParameters (topology, training job, optional
 * bandwidth variation), run to its end, and summarized: what selmcast-compare runs once per
 * selector.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * The headline figures of one BSP run, computed from the controller's RoundComplete records
 * with the same definitions as SelmcastResults' summary.
 */
struct SelmcastBspSummary
{
    std::string selector;           //!< the selector of the run
    uint32_t rounds{0};             //!< rounds completed
    double meanRoundTime{0};        //!< mean of end - start over the rounds, seconds
    double npuUtilization{0};       //!< compute time of all trainers / (n x elapsed time)
    double averageScale{0};         //!< mean over the rounds of sum x / m^2
    double normalizedCompletion{0}; //!< mean over the rounds of transfer time / fluid ideal
    uint64_t wireBytes{0};          //!< bytes the senders put on their links, repairs included
    uint64_t repairBytes{0};        //!< block bytes of the repairs
    double simulatedSeconds{0};     //!< end of the last round
    double wallSeconds{0};          //!< wall-clock time of Simulator::Run
    uint64_t events{0};             //!< events Simulator::Run executed
    double guardSeconds{0};         //!< the simulated-time guard of the run
    bool guardReached{false};       //!< the run was stopped by the guard, not by its end
    uint32_t excluded{0};           //!< workers excluded (silent for WorkerTimeout)
    std::vector<SelmcastBackgroundFlow> background; //!< other tenants' flows (--background)

    /**
     * \param wanted the rounds the run was asked for
     * \return an empty string when every round completed, else one line saying why not
     */
    std::string Failure(uint32_t wanted) const;
};

/**
 * \ingroup selmcast
 * Register (strictly parsed, with their allowed ranges) the knobs that selmcast-bsp,
 * selmcast-ssp and selmcast-compare share, with one help text each: topology, n, hostsPerLeaf,
 * spines, p, pRatio, k, blockSize, segmentSize, lambda, mu, gamma, deltaT, workload, computeMean,
 * outDir, progress and wallClock. The examples add their own (delivery, bandwidth, selector,
 * rounds, ratePolicy and the SSP knobs), whose help differs. The seed comes through ns-3's
 * --RngRun. \param args the command line \param par where the parameters go (must outlive
 * args.Parse) \param gamma where --gamma goes \param deltaT where --deltaT goes \param progress
 * where --progress goes \param wallClock where --wallClock goes
 */
void SelmcastAddCommonArguments(SelmcastArgs& args,
                                SelmcastBspParameters& par,
                                double& gamma,
                                Time& deltaT,
                                bool& progress,
                                bool& wallClock);

/**
 * \ingroup selmcast
 * Register the topology knobs beyond leaf-spine's shape (oversubscription, fatTreeK,
 * edgeOversubscription, aggOversubscription, placement, linkDelay, topologyFile, fileWorkers,
 * fileController); SelmcastAddCommonArguments calls it.
 * \param args the command line
 * \param par where the parameters go
 */
void SelmcastAddFabricArguments(SelmcastArgs& args, SelmcastBspParameters& par);

/**
 * \ingroup selmcast
 * The topology knobs of the run's kind, as result parameters (none for the big switch).
 * \param par the run's parameters
 * \return (name, value) pairs in a fixed order
 */
std::vector<std::pair<std::string, std::string>> SelmcastFabricParameters(
    const SelmcastBspParameters& par);

/**
 * \ingroup selmcast
 * One line on a built topology: kind, n, routers, bisection bandwidth and oversubscription.
 * \param par the run's parameters
 * \param topology the network
 * \return the line (no newline)
 */
std::string SelmcastDescribeTopology(const SelmcastBspParameters& par,
                                     Ptr<SelmcastTopology> topology);

/**
 * \ingroup selmcast
 * Warn on stderr about given options that the run ignores: the knobs of other topologies,
 * deltaT when gamma is 0, pRatio when p is given.
 * \param args the parsed command line
 * \param par the run's parameters
 * \param gamma variation weight
 */
void SelmcastWarnIgnored(const SelmcastArgs& args, const SelmcastBspParameters& par, double gamma);

/**
 * \ingroup selmcast
 * Set a topology helper from an example's parameters (topology and its knobs, n, bandwidth,
 * lambda, mu, mtu): the one place the examples, the scenario and its validation share. Sets the
 * Topology attribute too, so Install builds the kind returned.
 * \param topo the helper to configure
 * \param par the run's parameters
 * \return the kind of topology to install (validate with topo.Validate(kind))
 */
SelmcastTopology::Kind SelmcastConfigureTopology(SelmcastTopologyHelper& topo,
                                                 const SelmcastBspParameters& par);

/**
 * \ingroup selmcast
 * Set a training helper for SSP from an example's parameters (block, compute model, Mode SSP,
 * staleness, eta, the readings, rates, selector, delivery, p, k, rounds, duration), before
 * SelmcastTrainingHelper::Install: what selmcast-ssp runs, so that tests run the same.
 * \param training the helper to configure
 * \param par the run's parameters
 */
void SelmcastConfigureSspTraining(SelmcastTrainingHelper& training,
                                  const SelmcastSspParameters& par);

/**
 * \ingroup selmcast
 * Record a BSP run's parameters with its results (the same keys, in the same order, for every
 * example that writes SelmcastResults).
 * \param results where the parameters go (before Open)
 * \param par the run's parameters
 * \param selector the selector of this run (compare runs several)
 * \param gamma variation weight
 * \param deltaT time between bandwidth changes
 */
void SelmcastAddBspParameters(SelmcastResults& results,
                              const SelmcastBspParameters& par,
                              const std::string& selector,
                              double gamma,
                              Time deltaT);

/**
 * \ingroup selmcast
 * Check the bandwidth-variation knobs of the examples (--gamma, --deltaT) together with the
 * rate knobs they mix with (bandwidth, lambda, mu), without building anything.
 * \param par the run's parameters (bandwidth, lambda and mu are used)
 * \param gamma variation weight, allowed [0, 1]
 * \param deltaT time between changes, allowed > 0
 * \return an empty string when valid, else a message naming the parameter and its range
 */
std::string SelmcastValidateVariation(const SelmcastBspParameters& par, double gamma, Time deltaT);

/**
 * \ingroup selmcast
 * Create the bandwidth variation of an example's run (b = (1 - gamma) b_fixed + gamma b_random
 * every deltaT, on the real devices), not yet started: call Start when gamma > 0 (gamma = 0
 * leaves the rates alone and adds no event).
 * \param topology the built network
 * \param par the run's parameters (bandwidth, lambda and mu give b_random's distribution)
 * \param gamma variation weight, in [0, 1]
 * \param deltaT time between changes, > 0
 * \param stream the random stream of the draws (the examples use 2)
 * \return the variation
 */
Ptr<SelmcastBandwidthVariation> SelmcastCreateVariation(Ptr<SelmcastTopology> topology,
                                                        const SelmcastBspParameters& par,
                                                        double gamma,
                                                        Time deltaT,
                                                        int64_t stream = 2);

/**
 * \ingroup selmcast
 * Install the background flows of a run (none when par.background is 0).
 * \param topology the built network
 * \param par the run's parameters (background)
 * \param stream the random stream of the flows' choices (the scenario uses 3)
 * \return the installed traffic (Report before Simulator::Destroy)
 */
Ptr<SelmcastBackgroundTraffic> SelmcastCreateBackground(Ptr<SelmcastTopology> topology,
                                                        const SelmcastBspParameters& par,
                                                        int64_t stream = 3);

/**
 * \ingroup selmcast
 * \param flows the background flows of a run
 * \return one line: number of flows, offered and carried throughput
 */
std::string SelmcastDescribeBackground(const std::vector<SelmcastBackgroundFlow>& flows);

/**
 * \ingroup selmcast
 * Write the background flows, one row each (flow, source, sink, offered_bps, received_bytes,
 * throughput_bps).
 * \param path the CSV file
 * \param flows the flows
 * \return an empty string, or why the file could not be written
 */
std::string SelmcastWriteBackground(const std::string& path,
                                    const std::vector<SelmcastBackgroundFlow>& flows);

/**
 * \ingroup selmcast
 * Builds and runs one BSP scenario. Every random stream is fixed (topology rates: stream 1,
 * bandwidth variation: stream 2, controller and trainers: from stream 100), so scenarios built
 * from the same parameters under the same RngRun see the same network, the same rate changes
 * and the same compute-time draws, whatever their selector: the basis of a fair comparison.
 * The streams are those of the selmcast-bsp example, so a scenario with gamma = 0 reproduces
 * that example's run.
 *
 * Use: construct, Validate, Build, (connect traces, e.g. SelmcastResults::Connect), Run. Run
 * ends with Simulator::Destroy, so the next scenario starts from a clean simulator.
 */
class SelmcastBspScenario
{
  public:
    /**
     * \param par the run's parameters
     * \param gamma bandwidth variation weight, in [0, 1]; 0 leaves the topology's rates alone
     * \param deltaT time between bandwidth changes, > 0
     */
    SelmcastBspScenario(const SelmcastBspParameters& par,
                        double gamma = 0,
                        Time deltaT = MilliSeconds(100));

    /**
     * Check every parameter (SelmcastBspParameters::Validate, the topology's and the bandwidth
     * variation's own checks) without building anything.
     * \return an empty string when valid, else a message naming the parameter and its range
     */
    std::string Validate() const;

    /**
     * Place the nodes of the next Build on MPI ranks (default: all on rank 0).
     * \param policy where every node runs
     */
    void SetRankPolicy(const SelmcastRankPolicy& policy);

    /** Build the topology, install the training job and prepare the bandwidth variation. */
    void Build();

    /** \return the network of the last Build */
    Ptr<SelmcastTopology> GetTopology() const;

    /** \return the training helper (controller and trainers of the last Build) */
    const SelmcastTrainingHelper& GetTraining() const;

    /** \return the background traffic of the last Build (no flows when background is 0) */
    Ptr<SelmcastBackgroundTraffic> GetBackground() const;

    /** \return the bandwidth variation of the last Build (started by Run when gamma > 0) */
    Ptr<SelmcastBandwidthVariation> GetVariation() const;

    /**
     * Run the scenario to its last round (or the guard time), summarize it, and destroy the
     * simulator.
     * \param progress print ns-3's ShowProgress lines (simulated time, wall time, event rate)
     * \param guard simulated time after which the run is stopped even if unfinished
     * \return the summary
     */
    SelmcastBspSummary Run(bool progress = false, Time guard = Seconds(3600));

  private:
    /**
     * RoundComplete sink: keep what the summary needs.
     * \param record the round
     */
    void OnRound(const SelmcastRoundRecord& record);

    SelmcastBspParameters m_par;                 //!< the parameters
    double m_gamma;                              //!< variation weight
    Time m_deltaT;                               //!< variation period
    Ptr<SelmcastTopology> m_topology;            //!< last Build's network
    SelmcastTrainingHelper m_training;           //!< last Build's job
    Ptr<SelmcastBandwidthVariation> m_variation; //!< last Build's variation
    Ptr<SelmcastBackgroundTraffic> m_background; //!< last Build's background flows
    SelmcastRankPolicy m_rankPolicy;             //!< where the nodes run
    std::vector<double> m_roundTimes;            //!< per round, end - start, s
    std::vector<double> m_normalized;            //!< per round, transfer / fluid ideal
    std::vector<double> m_scales;                //!< per round, scale
    uint64_t m_wireBytes{0};                     //!< sum over the rounds
    uint64_t m_repairBytes{0};                   //!< sum over the rounds
    double m_lastEnd{0};                         //!< end of the last round, s
};

} // namespace ns3

#endif /* SELMCAST_SCENARIO_HELPER_H */
