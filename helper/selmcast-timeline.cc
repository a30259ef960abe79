/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-timeline.h"

#include "ns3/callback.h"
#include "ns3/simulator.h"

#include <iomanip>

namespace ns3
{

std::string
SelmcastTimeline::Open(const std::string& path)
{
    m_out.open(path, std::ios::out | std::ios::trunc);
    if (!m_out)
    {
        return "cannot write " + path;
    }
    m_out << HEADER << "\n" << std::flush;
    m_rows = 0;
    return "";
}

void
SelmcastTimeline::Connect(Ptr<SelmcastController> controller,
                          const std::vector<Ptr<SelmcastTrainer>>& trainers,
                          const std::vector<Ptr<SelmcastWorker>>& workers)
{
    for (const auto& t : trainers)
    {
        t->TraceConnectWithoutContext("ComputeStarted",
                                      MakeCallback(&SelmcastTimeline::OnComputeStarted, this));
        t->TraceConnectWithoutContext("ComputeFinished",
                                      MakeCallback(&SelmcastTimeline::OnComputeFinished, this));
        t->TraceConnectWithoutContext("Ready", MakeCallback(&SelmcastTimeline::OnReady, this));
        t->TraceConnectWithoutContext("Assigned",
                                      MakeCallback(&SelmcastTimeline::OnAssigned, this));
        t->TraceConnectWithoutContext("Pruned", MakeCallback(&SelmcastTimeline::OnPruned, this));
    }
    for (const auto& w : workers)
    {
        w->TraceConnectWithoutContext("TransferStarted",
                                      MakeCallback(&SelmcastTimeline::OnTransferStarted, this));
        w->TraceConnectWithoutContext("TransferComplete",
                                      MakeCallback(&SelmcastTimeline::OnTransferComplete, this));
        w->TraceConnectWithoutContext("BlockComplete",
                                      MakeCallback(&SelmcastTimeline::OnBlockComplete, this));
    }
    controller->TraceConnectWithoutContext("WorkerExcluded",
                                           MakeCallback(&SelmcastTimeline::OnExcluded, this));
    controller->TraceConnectWithoutContext("SelectionDone",
                                           MakeCallback(&SelmcastTimeline::OnSelection, this));
    controller->TraceConnectWithoutContext(
        "MulticastSelected",
        MakeCallback(&SelmcastTimeline::OnMulticastSelected, this));
    controller->TraceConnectWithoutContext("RoundComplete",
                                           MakeCallback(&SelmcastTimeline::OnRoundComplete, this));
    controller->TraceConnectWithoutContext(
        "MulticastComplete",
        MakeCallback(&SelmcastTimeline::OnMulticastComplete, this));
}

uint64_t
SelmcastTimeline::GetRows() const
{
    return m_rows;
}

void
SelmcastTimeline::Row(const char* event,
                      int64_t worker,
                      int64_t round,
                      int64_t peer,
                      int64_t count,
                      int64_t bytes)
{
    // Nanosecond resolution: the simulator's own, so equal times stay equal in the file.
    m_out << std::fixed << std::setprecision(9) << Simulator::Now().GetSeconds() << "," << event
          << "," << worker << "," << round << "," << peer << "," << count << "," << bytes << "\n"
          << std::flush;
    ++m_rows;
}

void
SelmcastTimeline::OnComputeStarted(uint32_t w, uint32_t r, Time d)
{
    Row("compute_start", w, r, -1, d.GetMicroSeconds());
}

void
SelmcastTimeline::OnComputeFinished(uint32_t w, uint32_t r, Time d)
{
    Row("compute_end", w, r, -1, d.GetMicroSeconds());
}

void
SelmcastTimeline::OnReady(uint32_t w, uint32_t r)
{
    Row("ready", w, r);
}

void
SelmcastTimeline::OnAssigned(uint32_t w, uint32_t r, uint32_t receivers)
{
    Row("assign", w, r, -1, receivers);
}

void
SelmcastTimeline::OnPruned(uint32_t w, uint32_t r, uint32_t receiver)
{
    Row("prune", w, r, receiver);
}

void
SelmcastTimeline::OnTransferStarted(const SelmcastTransferReport& report)
{
    Row("transfer_start", report.sender, report.round, -1, report.receivers, report.blockSize);
}

void
SelmcastTimeline::OnTransferComplete(const SelmcastTransferReport& report)
{
    Row("transfer_end",
        report.sender,
        report.round,
        report.acked,
        report.segmentsSent,
        report.dataBytesSent);
}

void
SelmcastTimeline::OnBlockComplete(const SelmcastBlockReport& report)
{
    Row("block_complete",
        report.receiver,
        report.round,
        report.sender,
        report.segments,
        report.bytes);
}

void
SelmcastTimeline::OnExcluded(uint32_t w, uint32_t r)
{
    Row("exclude", w, r);
}

void
SelmcastTimeline::OnSelection(uint32_t r,
                              const selmcast::Problem& /* problem */,
                              const selmcast::Plan& plan,
                              const std::vector<uint32_t>& ids)
{
    uint32_t pairs = 0;
    for (uint32_t i = 0; i < ids.size(); ++i)
    {
        pairs += selmcast::CountReceivers(plan, i);
    }
    Row("select", -1, r, -1, pairs);
}

void
SelmcastTimeline::OnMulticastSelected(uint32_t w,
                                      uint32_t r,
                                      const std::vector<uint32_t>& receivers,
                                      double /* seconds */)
{
    Row("select", w, r, -1, receivers.size());
}

void
SelmcastTimeline::OnRoundComplete(const SelmcastRoundRecord& record)
{
    Row("round_end", -1, record.round, -1, record.completedPairs, record.wireBytes);
}

void
SelmcastTimeline::OnMulticastComplete(const SelmcastMulticastRecord& record)
{
    Row("multicast_end",
        record.sender,
        record.round,
        -1,
        record.completed.size(),
        record.wireBytes);
}

} // namespace ns3
