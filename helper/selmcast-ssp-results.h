/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_SSP_RESULTS_H
#define SELMCAST_SSP_RESULTS_H

#include "ns3/ptr.h"
#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-trainer.h"

#include <fstream>
#include <string>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Result files of an SSP training run: one CSV row per multicast and a JSON summary.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Writes the results of an SSP run as it goes: every finished multicast appends its CSV row
 * (flushed) and rewrites the JSON summary (temporary file, then rename), so an interrupted run
 * keeps every multicast that finished. Call Finalize after the run to write the summary at the
 * run's end time.
 *
 * CSV columns: sender, round, ready_s (READY at the controller), start_s, end_s (the transfer at
 * the sender), done_s (DONE at the controller), sync_s (end - ready: the sender's wait for its
 * own multicast), selected, completed, dropped (receiver counts), scale (completed / n),
 * wire_bytes (what the sender put on its link, headers and repairs included), repair_bytes,
 * selector_s (wall time; 0 with WallClock false).
 *
 * Summary: module and ns-3 versions, the run's parameters, multicasts, elapsed simulated time,
 * NPU utilization (sum of compute time / sum of wall time over all workers, every worker's wall
 * time being the elapsed time), average multicast scale, mean/p50/p99 sync time, wire and repair
 * bytes, rounds completed per worker (min and max), excluded workers, workers that returned.
 */
class SelmcastSspResults
{
  public:
    /**
     * \param outDir directory of the files (created if missing)
     * \param prefix file name prefix: prefix-multicasts.csv and prefix-summary.json
     * \param wallClock record selector wall times (false: 0, for byte-identical reruns)
     */
    SelmcastSspResults(std::string outDir, std::string prefix, bool wallClock = true);
    /**
     * Record a run parameter in the summary (call before Open).
     * \param name its name
     * \param value its value, written as a JSON string
     */
    void AddParameter(const std::string& name, const std::string& value);
    /**
     * Create the directory and the CSV with its header row.
     * \return an empty string on success, else what failed
     */
    std::string Open();
    /**
     * Follow a run: every MulticastComplete of the controller writes a row and the summary.
     * \param controller the controller (Mode SSP)
     * \param trainers the trainers, worker i at index i (for the compute time)
     */
    void Connect(Ptr<SelmcastController> controller, std::vector<Ptr<SelmcastTrainer>> trainers);
    /**
     * Write one multicast (MulticastComplete sink).
     * \param record the multicast
     */
    void OnMulticast(const SelmcastMulticastRecord& record);
    /**
     * Note an excluded worker (WorkerExcluded sink).
     * \param worker its id
     * \param round the controller's round counter then
     */
    void OnExcluded(uint32_t worker, uint32_t round);
    /**
     * Note an excluded worker that rejoined (WorkerReturned sink).
     * \param worker its id
     * \param round the round it starts again with
     */
    void OnReturned(uint32_t worker, uint32_t round);
    /** Rewrite the summary at the current simulated time (call after Simulator::Run). */
    void Finalize();
    /** \return sum of compute time / (n x elapsed time), as last written */
    double GetUtilization() const;
    /** \return average of completed / n over the multicasts */
    double GetMeanScale() const;
    /** \return multicasts written */
    std::size_t GetMulticasts() const;
    /** \return the CSV path */
    std::string GetCsvPath() const;
    /** \return the JSON path */
    std::string GetJsonPath() const;

    /**
     * A distributed run: count the compute time of every rank's trainers instead of only those
     * this process simulated, and rewrite the summary.
     * \param seconds the compute time of all trainers, every rank's (SelmcastDistributed)
     */
    void SetComputeOverRanks(double seconds);

  private:
    /** Rewrite the summary from everything recorded so far. */
    void WriteSummary();

    double m_computeOverRanks{-1}; //!< SetComputeOverRanks' value; < 0: count the local ones

    std::string m_dir;                                         //!< output directory
    std::string m_prefix;                                      //!< file name prefix
    bool m_wallClock;                                          //!< record selector wall times
    std::vector<std::pair<std::string, std::string>> m_params; //!< run parameters
    std::ofstream m_csv;                                       //!< the CSV, open after Open
    std::vector<SelmcastMulticastRecord> m_records;            //!< multicasts so far
    std::vector<std::pair<uint32_t, uint32_t>> m_excluded;     //!< (worker, round)
    std::vector<std::pair<uint32_t, uint32_t>> m_returned;     //!< (worker, round)
    std::vector<Ptr<SelmcastTrainer>> m_trainers;              //!< for the compute time
    Ptr<SelmcastController> m_controller;                      //!< for the rounds per worker
    double m_utilization{0};                                   //!< as last written
};

} // namespace ns3

#endif /* SELMCAST_SSP_RESULTS_H */
