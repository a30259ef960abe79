/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-ssp-results.h"

#include "ns3/callback.h"
#include "ns3/selmcast-results.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * Nearest-rank percentile.
 * \param sorted values in non-decreasing order, non-empty
 * \param q the quantile, in (0, 1]
 * \return the smallest value with at least q of the values at or below it
 */
double
NearestRank(const std::vector<double>& sorted, double q)
{
    std::size_t rank = std::size_t(std::ceil(q * sorted.size()));
    return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

} // namespace

SelmcastSspResults::SelmcastSspResults(std::string outDir, std::string prefix, bool wallClock)
    : m_dir(std::move(outDir)),
      m_prefix(std::move(prefix)),
      m_wallClock(wallClock)
{
}

void
SelmcastSspResults::AddParameter(const std::string& name, const std::string& value)
{
    m_params.emplace_back(name, value);
}

std::string
SelmcastSspResults::GetCsvPath() const
{
    return m_dir + "/" + m_prefix + "-multicasts.csv";
}

std::string
SelmcastSspResults::GetJsonPath() const
{
    return m_dir + "/" + m_prefix + "-summary.json";
}

std::string
SelmcastSspResults::Open()
{
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec)
    {
        return "cannot create " + m_dir + ": " + ec.message();
    }
    m_csv.open(GetCsvPath(), std::ios::out | std::ios::trunc);
    if (!m_csv)
    {
        return "cannot write " + GetCsvPath();
    }
    m_csv << "sender,round,ready_s,start_s,end_s,done_s,sync_s,selected,completed,dropped,"
             "scale,wire_bytes,repair_bytes,selector_s\n";
    m_csv.flush();
    return "";
}

void
SelmcastSspResults::Connect(Ptr<SelmcastController> controller,
                            std::vector<Ptr<SelmcastTrainer>> trainers)
{
    m_controller = controller;
    m_trainers = std::move(trainers);
    controller->TraceConnectWithoutContext("MulticastComplete",
                                           MakeCallback(&SelmcastSspResults::OnMulticast, this));
    controller->TraceConnectWithoutContext("WorkerExcluded",
                                           MakeCallback(&SelmcastSspResults::OnExcluded, this));
    controller->TraceConnectWithoutContext("WorkerReturned",
                                           MakeCallback(&SelmcastSspResults::OnReturned, this));
}

void
SelmcastSspResults::OnMulticast(const SelmcastMulticastRecord& record)
{
    m_records.push_back(record);
    if (m_csv)
    {
        m_csv << std::setprecision(9) << record.sender << "," << record.round << ","
              << record.ready.GetSeconds() << "," << record.start.GetSeconds() << ","
              << record.end.GetSeconds() << "," << record.done.GetSeconds() << ","
              << record.SyncSeconds() << "," << record.selected.size() << ","
              << record.completed.size() << "," << record.dropped.size() << "," << record.Scale()
              << "," << record.wireBytes << "," << record.repairBytes << ","
              << (m_wallClock ? record.selectorSeconds : 0.0) << "\n";
        m_csv.flush();
    }
    WriteSummary();
}

void
SelmcastSspResults::OnExcluded(uint32_t worker, uint32_t round)
{
    m_excluded.emplace_back(worker, round);
    WriteSummary();
}

void
SelmcastSspResults::OnReturned(uint32_t worker, uint32_t round)
{
    m_returned.emplace_back(worker, round);
    WriteSummary();
}

void
SelmcastSspResults::Finalize()
{
    WriteSummary();
}

double
SelmcastSspResults::GetUtilization() const
{
    return m_utilization;
}

double
SelmcastSspResults::GetMeanScale() const
{
    double sum = 0;
    for (const auto& r : m_records)
    {
        sum += r.Scale();
    }
    return m_records.empty() ? 0 : sum / m_records.size();
}

std::size_t
SelmcastSspResults::GetMulticasts() const
{
    return m_records.size();
}

void
SelmcastSspResults::SetComputeOverRanks(double seconds)
{
    m_computeOverRanks = seconds;
    WriteSummary();
}

void
SelmcastSspResults::WriteSummary()
{
    double elapsed = Simulator::Now().GetSeconds();
    double compute =
        m_computeOverRanks >= 0 ? m_computeOverRanks : SelmcastComputeSeconds(m_trainers);
    m_utilization =
        (elapsed > 0 && !m_trainers.empty()) ? compute / (elapsed * m_trainers.size()) : 0;
    std::vector<double> sync;
    uint64_t wire = 0;
    uint64_t repair = 0;
    double selector = 0;
    for (const auto& r : m_records)
    {
        sync.push_back(r.SyncSeconds());
        wire += r.wireBytes;
        repair += r.repairBytes;
        selector += m_wallClock ? r.selectorSeconds : 0.0;
    }
    std::sort(sync.begin(), sync.end());
    double syncMean = 0;
    for (double s : sync)
    {
        syncMean += s;
    }
    syncMean = sync.empty() ? 0 : syncMean / sync.size();
    uint32_t minRounds = 0;
    uint32_t maxRounds = 0;
    for (uint32_t i = 0; m_controller && i < m_trainers.size(); ++i)
    {
        uint32_t r = m_controller->GetRoundsDone(i);
        minRounds = i == 0 ? r : std::min(minRounds, r);
        maxRounds = std::max(maxRounds, r);
    }

    std::ostringstream js;
    js << std::setprecision(9);
    js << "{\n  \"module\": \"selmcast\",\n  \"module_version\": \""
       << SelmcastResults::MODULE_VERSION << "\",\n  \"ns3_version\": \""
       << SelmcastResults::Ns3Version() << "\",\n  \"mode\": \"SSP\",\n  \"parameters\": {";
    for (std::size_t i = 0; i < m_params.size(); ++i)
    {
        js << (i ? ",\n    " : "\n    ") << "\"" << m_params[i].first << "\": \""
           << m_params[i].second << "\"";
    }
    js << "\n  },\n";
    js << "  \"workers\": " << m_trainers.size() << ",\n";
    js << "  \"multicasts\": " << m_records.size() << ",\n";
    js << "  \"elapsed_s\": " << elapsed << ",\n";
    js << "  \"compute_s\": " << compute << ",\n";
    js << "  \"npu_utilization\": " << m_utilization << ",\n";
    js << "  \"mean_scale\": " << GetMeanScale() << ",\n";
    js << "  \"sync_mean_s\": " << syncMean << ",\n";
    js << "  \"sync_p50_s\": " << (sync.empty() ? 0 : NearestRank(sync, 0.5)) << ",\n";
    js << "  \"sync_p99_s\": " << (sync.empty() ? 0 : NearestRank(sync, 0.99)) << ",\n";
    js << "  \"wire_bytes\": " << wire << ",\n";
    js << "  \"repair_bytes\": " << repair << ",\n";
    js << "  \"selector_s_total\": " << selector << ",\n";
    js << "  \"rounds_min\": " << minRounds << ",\n";
    js << "  \"rounds_max\": " << maxRounds << ",\n";
    auto list = [&js](const std::vector<std::pair<uint32_t, uint32_t>>& events) {
        for (std::size_t i = 0; i < events.size(); ++i)
        {
            js << (i ? ", " : "") << "{\"worker\": " << events[i].first
               << ", \"round\": " << events[i].second << "}";
        }
    };
    js << "  \"excluded\": [";
    list(m_excluded);
    js << "],\n  \"returned\": [";
    list(m_returned);
    js << "]\n}\n";

    std::string tmp = GetJsonPath() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::out | std::ios::trunc);
        if (!out)
        {
            return;
        }
        out << js.str();
    }
    std::rename(tmp.c_str(), GetJsonPath().c_str());
}

} // namespace ns3
