/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TIMELINE_H
#define SELMCAST_TIMELINE_H

#include "ns3/ptr.h"
#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-trainer.h"
#include "ns3/selmcast-worker.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The events CSV of one run (--timeline): what each worker did when, from the module's trace
 * sources; utils/selmcast-plot-timeline.py draws it.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Writes one CSV row per event of a training run, as the events happen (each row flushed, so an
 * interrupted run keeps what happened), connected to the trace sources of the controller, the
 * trainers and the workers.
 *
 * Columns: time_s, event, worker, round, peer, count, bytes (-1: not applicable). Events:
 * - compute_start, compute_end (trainer ComputeStarted/ComputeFinished): worker, round;
 *   count = the drawn compute time in microseconds
 * - ready (trainer Ready, READY first sent): worker, round
 * - assign (trainer Assigned, ASSIGN received): worker, round; count = receivers named
 * - transfer_start (worker TransferStarted): worker = the sender, round; count = receivers,
 *   bytes = block size
 * - transfer_end (worker TransferComplete): worker = the sender, round; count = data segments
 *   sent (originals and repairs, no polls), bytes = block bytes in them; peer = receivers acked
 * - block_complete (worker BlockComplete): worker = the receiver, round, peer = the sender;
 *   count = segments, bytes = block bytes
 * - prune (trainer Pruned): worker = the sender, round, peer = the receiver removed
 * - exclude (controller WorkerExcluded): worker, round = the controller's round
 * - select (controller SelectionDone, BSP: worker -1, count = selected pairs; MulticastSelected,
 *   SSP: worker = the ready sender, count = receivers)
 * - round_end (controller RoundComplete, BSP): round; count = completed pairs, bytes = wire
 *   bytes; time = the round's end
 * - multicast_end (controller MulticastComplete, SSP): worker = the sender, round; count =
 *   receivers that completed, bytes = wire bytes
 */
class SelmcastTimeline
{
  public:
    /** The CSV header line (without the newline). */
    static constexpr const char* HEADER = "time_s,event,worker,round,peer,count,bytes";

    /**
     * Create the file (its folder must exist) and write the header.
     * \param path the CSV file
     * \return an empty string, or why the file cannot be written
     */
    std::string Open(const std::string& path);

    /**
     * Connect to every trace source the CSV reads. Call after Open, before the run.
     * \param controller the run's controller
     * \param trainers the trainers, worker i at index i
     * \param workers the data-path applications, worker i at index i
     */
    void Connect(Ptr<SelmcastController> controller,
                 const std::vector<Ptr<SelmcastTrainer>>& trainers,
                 const std::vector<Ptr<SelmcastWorker>>& workers);

    /** \return rows written, header excluded */
    uint64_t GetRows() const;

  private:
    /**
     * Append one row at the current simulated time.
     * \param event the event name
     * \param worker the worker, or -1
     * \param round the round, or -1
     * \param peer the other worker, or -1
     * \param count see the class description, or -1
     * \param bytes see the class description, or -1
     */
    void Row(const char* event,
             int64_t worker,
             int64_t round,
             int64_t peer = -1,
             int64_t count = -1,
             int64_t bytes = -1);

    /** \param w the worker \param r the round \param d the drawn time */
    void OnComputeStarted(uint32_t w, uint32_t r, Time d);
    /** \param w the worker \param r the round \param d the drawn time */
    void OnComputeFinished(uint32_t w, uint32_t r, Time d);
    /** \param w the worker \param r the round */
    void OnReady(uint32_t w, uint32_t r);
    /** \param w the worker \param r the round \param receivers named in the ASSIGN */
    void OnAssigned(uint32_t w, uint32_t r, uint32_t receivers);
    /** \param w the sender \param r the round \param receiver removed */
    void OnPruned(uint32_t w, uint32_t r, uint32_t receiver);
    /** \param report the sender's report at the start */
    void OnTransferStarted(const SelmcastTransferReport& report);
    /** \param report the sender's report at the end */
    void OnTransferComplete(const SelmcastTransferReport& report);
    /** \param report the receiver's report */
    void OnBlockComplete(const SelmcastBlockReport& report);
    /** \param w the worker \param r the controller's round */
    void OnExcluded(uint32_t w, uint32_t r);
    /**
     * \param r the round \param problem the problem \param plan the plan
     * \param ids problem index to worker id
     */
    void OnSelection(uint32_t r,
                     const selmcast::Problem& problem,
                     const selmcast::Plan& plan,
                     const std::vector<uint32_t>& ids);
    /**
     * \param w the sender \param r its round \param receivers chosen \param seconds wall time
     */
    void OnMulticastSelected(uint32_t w,
                             uint32_t r,
                             const std::vector<uint32_t>& receivers,
                             double seconds);
    /** \param record the round */
    void OnRoundComplete(const SelmcastRoundRecord& record);
    /** \param record the multicast */
    void OnMulticastComplete(const SelmcastMulticastRecord& record);

    std::ofstream m_out; //!< the CSV
    uint64_t m_rows{0};  //!< rows written
};

} // namespace ns3

#endif /* SELMCAST_TIMELINE_H */
