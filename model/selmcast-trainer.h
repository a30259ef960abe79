/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TRAINER_H
#define SELMCAST_TRAINER_H

#include "selmcast-compute-model.h"
#include "selmcast-control-header.h"
#include "selmcast-rate-meter.h"
#include "selmcast-rng.h"
#include "selmcast-worker.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <set>
#include <string>

/**
 * \file
 * \ingroup selmcast
 * The training loop of one worker: compute, report, multicast the block, report, repeat.
 */

namespace ns3
{

class Socket;
class Packet;

/**
 * \ingroup selmcast
 * The training loop of a data-parallel worker (BSP), driven by the controller over UDP.
 *
 * Round r: compute (a time drawn from the compute model) -> READY(r) to the controller with the
 * bandwidths of the worker's access link and its load -> on ASSIGN(r) the node's SelmcastWorker
 * sends the block to the receivers named (RATE and PRUNE adjust the transfer in flight) -> when
 * the transfer finishes, DONE(r) with who completed and who did not -> on START(r + 1) the next
 * round; START with the FINISH flag ends the loop.
 *
 * The control path is UDP: a message can be lost. So the trainer repeats its current report every
 * HeartbeatInterval until the controller's answer shows it was heard (READY until the ASSIGN,
 * DONE until the START), and sends a HEARTBEAT while it computes or sends: the controller tells a
 * silent worker from a busy one by these packets alone.
 *
 * SSP needs no mode here: the loop is the same, only the controller's timing differs. It holds
 * START(r + 1) back while the worker is more than the staleness bound ahead (so the worker waits
 * for its own multicast and then for the barrier, never for the blocks sent to it), and it
 * answers the HEARTBEATs of a sender whose transfer changed in flight with the current PRUNE and
 * RATE; the trainer applies both idempotently (a repeated rate is ignored).
 */
class SelmcastTrainer : public Application
{
  public:
    /** Where the loop is. */
    enum Phase
    {
        IDLE,        //!< not started
        COMPUTING,   //!< computing the current round
        WAIT_ASSIGN, //!< READY sent, waiting for the assignment
        SENDING,     //!< the block of the current round is in flight
        WAIT_START,  //!< DONE sent, waiting for the next round
        FINISHED,    //!< the controller ended the run
    };

    /** What READY reports as the worker's bandwidths (attribute RateReport). */
    enum RateReport
    {
        RATE_CONFIGURED, //!< the access link's configured rates
        RATE_MEASURED    //!< those minus the other traffic measured on the access device
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** A trainer with default attributes; it starts computing round 0 when the application starts.
     */
    SelmcastTrainer();
    ~SelmcastTrainer() override;

    /**
     * Fix the random stream of the compute-time draws.
     * \param stream first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /** \return the worker id */
    uint32_t GetWorkerId() const;
    /** \return the round being computed, sent or waited for */
    uint32_t GetRound() const;
    /** \return where the loop is */
    Phase GetPhase() const;
    /** \return the compute time so far, the round being computed included up to now */
    Time GetComputeTime() const;
    /** \return the rounds whose compute finished */
    uint32_t GetComputedRounds() const;
    /** \return control packets dropped as malformed or foreign */
    uint64_t GetMalformed() const;

    /**
     * TracedCallback signature of ComputeStarted and ComputeFinished.
     * \param worker the worker id
     * \param round the round
     * \param duration the drawn compute time
     */
    typedef void (*ComputeTracedCallback)(uint32_t worker, uint32_t round, Time duration);
    /**
     * TracedCallback signature of Ready.
     * \param worker the worker id
     * \param round the round
     */
    typedef void (*ReadyTracedCallback)(uint32_t worker, uint32_t round);
    /**
     * TracedCallback signature of Assigned.
     * \param worker the worker id
     * \param round the round
     * \param receivers the receivers named in the ASSIGN
     */
    typedef void (*AssignedTracedCallback)(uint32_t worker, uint32_t round, uint32_t receivers);
    /**
     * TracedCallback signature of Pruned.
     * \param worker the worker id (the sender)
     * \param round the round of the transfer
     * \param receiver the receiver removed
     */
    typedef void (*PrunedTracedCallback)(uint32_t worker, uint32_t round, uint32_t receiver);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * Begin computing a round.
     * \param round the round
     */
    void StartCompute(uint32_t round);
    /** The compute of the current round finished: report READY. */
    void FinishCompute();
    /** Send the report of the current phase and re-arm the heartbeat. */
    void Heartbeat();
    /** Send the message of the current phase to the controller. */
    void SendReport();
    /**
     * Socket receive callback.
     * \param socket the control socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * An ASSIGN for the current round: start the block.
     * \param header the message
     */
    void HandleAssign(const SelmcastControlHeader& header);
    /**
     * The worker finished a transfer.
     * \param report the sender's summary
     */
    void OnTransferComplete(const SelmcastTransferReport& report);
    /**
     * The worker gave up a receiver.
     * \param round the transfer's round
     * \param receiver the receiver's address
     */
    void OnReceiverFailed(uint32_t round, Ipv4Address receiver);
    /**
     * Build the DONE of the current round.
     * \param report the transfer's summary (default for a transfer without receivers)
     */
    void PrepareDone(const SelmcastTransferReport& report);

    /**
     * \param configured a rate of the access link, bit/s
     * \param direction which of its directions
     * \return the rate minus the other traffic the meter saw, at least 1 % of the rate
     */
    uint64_t Available(uint64_t configured, SelmcastRateMeter::Direction direction) const;

    /** RateReport Measured: start metering the access device (own ports: the node's apps'). */
    void StartMeter();

    // Attributes.
    uint32_t m_workerId;          //!< id in headers, index in the selection problem
    Ipv4Address m_controller;     //!< controller address
    uint16_t m_controlPort;       //!< UDP port of the control path (both ends)
    Ptr<SelmcastWorker> m_worker; //!< the node's data-path application
    std::string m_computeName;    //!< compute model name
    Time m_computeMean;           //!< compute model mean
    double m_computeSpread;       //!< uniform model: relative half width
    bool m_binCentre;             //!< workload models: draw bin centres
    Time m_heartbeat;             //!< report repetition / heartbeat interval

    RateReport m_rateReport;        //!< configured or measured bandwidths in READY
    Time m_rateWindow;              //!< measured: the averaging window
    Ptr<SelmcastRateMeter> m_meter; //!< measured: the access device's other traffic

    Ptr<UniformRandomVariable> m_seedVariable;           //!< seeds m_rng (RngRun, AssignStreams)
    selmcast::Rng m_rng;                                 //!< the compute-time draws
    std::unique_ptr<selmcast::ComputeTimeModel> m_model; //!< built from the attributes at start
    Ptr<Socket> m_socket;                                //!< control socket
    Phase m_phase;                                       //!< where the loop is
    uint32_t m_round;                                    //!< current round
    EventId m_computeEvent;                              //!< end of the current compute
    EventId m_heartbeatEvent;                            //!< next report
    Time m_computeStart;                                 //!< when the current compute started
    Time m_computeDuration;                              //!< drawn time of the current compute
    Time m_computeTotal;                                 //!< finished compute time
    uint32_t m_computedRounds;                           //!< finished computes
    uint64_t m_malformed;                                //!< control packets dropped
    std::map<uint32_t, Ipv4Address> m_receivers;         //!< current transfer: id to address
    std::set<Ipv4Address> m_failed;                      //!< current transfer: receivers given up
    std::set<uint32_t> m_pruned;                         //!< current transfer: receivers pruned
    std::map<uint32_t, uint64_t> m_rates;                //!< current transfer: id to bit/s
    SelmcastControlHeader m_done;                        //!< the DONE of the current round

    /// Compute of a round started.
    TracedCallback<uint32_t, uint32_t, Time> m_computeStartedTrace;
    /// Compute of a round finished.
    TracedCallback<uint32_t, uint32_t, Time> m_computeFinishedTrace;
    /// READY was first sent for a round.
    TracedCallback<uint32_t, uint32_t> m_readyTrace;
    /// The ASSIGN of the current round arrived.
    TracedCallback<uint32_t, uint32_t, uint32_t> m_assignedTrace;
    /// A PRUNE removed a receiver from the transfer in flight.
    TracedCallback<uint32_t, uint32_t, uint32_t> m_prunedTrace;
};

} // namespace ns3

#endif /* SELMCAST_TRAINER_H */
