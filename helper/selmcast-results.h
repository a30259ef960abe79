/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_RESULTS_H
#define SELMCAST_RESULTS_H

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
 * Result files of a training run: one CSV row per BSP round and a JSON summary.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Writes the results of a BSP run as it goes: after every round the round's CSV row is
 * appended and flushed, and the JSON summary is rewritten (through a temporary file and a
 * rename), so an interrupted run leaves every finished round on disk.
 *
 * CSV columns: round, start_s, sync_start_s, end_s, duration_s (end - start), transfer_s
 * (packet-level synchronization: latest transfer end - earliest start), plan_t_s (t(X)),
 * fluid_ideal_s, fluid_maxmin_s, normalized_completion (transfer_s / fluid ideal),
 * normalized_plan (t(X) / fluid ideal), workers, pairs, completed_pairs, scale (sum x / m^2),
 * wire_bytes (what the senders put on their links, headers and repairs included; the fabric's
 * copies are not counted), repair_bytes, selector_s (wall time).
 *
 * Summary: the module and ns-3 versions, the run's parameters, rounds, NPU utilization (compute
 * time of all trainers / (n x elapsed time)), average multicast scale, mean/p50/p99 of the
 * round and transfer times, mean normalized completion, mean selector time, total wire and
 * repair bytes, excluded workers, excluded workers that returned.
 *
 * Selector times are wall-clock measurements and differ between identical runs; with
 * WallClock false they are written as 0, so that equal seeds give byte-identical files.
 */
class SelmcastResults
{
  public:
    /** Module version recorded in the summary. */
    static constexpr const char* MODULE_VERSION = "0.1.0";

    /**
     * \param outDir directory of the files (created if missing)
     * \param prefix file name prefix: prefix-rounds.csv and prefix-summary.json
     * \param wallClock record selector wall times (false: write 0 for reproducible files)
     */
    SelmcastResults(std::string outDir, std::string prefix, bool wallClock = true);

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
     * Follow a run: every RoundComplete of the controller writes a row and the summary.
     * \param controller the controller
     * \param trainers the trainers (for the compute time)
     */
    void Connect(Ptr<SelmcastController> controller, std::vector<Ptr<SelmcastTrainer>> trainers);

    /**
     * Write one round (RoundComplete sink).
     * \param record the round
     */
    void OnRound(const SelmcastRoundRecord& record);

    /**
     * Note an excluded worker (WorkerExcluded sink).
     * \param worker its id
     * \param round the round it was excluded in
     */
    void OnExcluded(uint32_t worker, uint32_t round);
    /**
     * Note an excluded worker that rejoined (WorkerReturned sink).
     * \param worker the worker
     * \param round the round it rejoined in
     */
    void OnReturned(uint32_t worker, uint32_t round);

    /** \return the CSV path */
    std::string GetCsvPath() const;
    /** \return the JSON path */
    std::string GetJsonPath() const;
    /** \return the ns-3 version this module was built against, "major.minor.patch" */
    static std::string Ns3Version();

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
    std::vector<SelmcastRoundRecord> m_rounds;                 //!< rounds so far (no plans)
    std::vector<std::pair<uint32_t, uint32_t>> m_excluded;     //!< (worker, round)
    std::vector<std::pair<uint32_t, uint32_t>> m_returned;     //!< (worker, round)
    std::vector<Ptr<SelmcastTrainer>> m_trainers;              //!< for the compute time
    uint32_t m_n{0};                                           //!< workers of the run
};

/**
 * \ingroup selmcast
 * \param trainers trainers of a run
 * \return their compute time, seconds (what the NPU utilization counts)
 */
double SelmcastComputeSeconds(const std::vector<Ptr<SelmcastTrainer>>& trainers);

} // namespace ns3

#endif /* SELMCAST_RESULTS_H */
